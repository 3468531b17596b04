import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, registeredMember, startServer } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

let server: TestApp;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    userKey: fixture.registered.userKey,
  });
});
afterEach(() => member.session.close());

const ids = async () => (await member.recommendations.list()).recommendations.map(({ id }) => id);

describe('member.recommendations', () => {
  it('lists a new member’s suggestions and hides one for good', async () => {
    expect(await ids()).toContain('totp-off');
    await member.recommendations.dismiss('totp-off');
    await member.recommendations.dismiss('totp-off');
    expect(await ids()).not.toContain('totp-off');
    expect(fixture.wire.calls).toContain('recommendations/totp-off/dismiss');
  });

  it('keeps an app rule’s dismissal and tells it back', async () => {
    expect((await member.recommendations.list()).dismissed).toEqual([]);
    await member.recommendations.dismiss('card-incomplete');
    expect((await member.recommendations.list()).dismissed).toEqual(['card-incomplete']);
  });

  it('refuses an unknown id with RECOMMENDATION_NOT_FOUND', async () => {
    expect(await errorCode(member.recommendations.dismiss('meeting-unanswered:nope'))).toBe(
      'RECOMMENDATION_NOT_FOUND',
    );
  });

  it('refuses an answer that is not a list of recommendations', async () => {
    fixture.wire.rewrite<Record<string, unknown>>(
      'GET recommendations',
      ({ dismissed: _, ...rest }) => rest,
    );
    expect(await errorCode(member.recommendations.list())).toBe('INVALID_RESPONSE');
  });
});
