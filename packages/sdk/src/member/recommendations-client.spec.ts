import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';

const scene = memberEachTest();

const ids = async () =>
  (await scene.member.recommendations.list()).recommendations.map(({ id }) => id);

describe('member.recommendations', () => {
  it('lists a new member’s suggestions and hides one for good', async () => {
    expect(await ids()).toContain('totp-off');
    await scene.member.recommendations.dismiss('totp-off');
    await scene.member.recommendations.dismiss('totp-off');
    expect(await ids()).not.toContain('totp-off');
    expect(scene.fixture.wire.calls).toContain('recommendations/totp-off/dismiss');
  });

  it('keeps an app rule’s dismissal and tells it back', async () => {
    expect((await scene.member.recommendations.list()).dismissed).toEqual([]);
    await scene.member.recommendations.dismiss('card-incomplete');
    expect((await scene.member.recommendations.list()).dismissed).toEqual(['card-incomplete']);
  });

  it('refuses an unknown id with RECOMMENDATION_NOT_FOUND', async () => {
    expect(await errorCode(scene.member.recommendations.dismiss('meeting-unanswered:nope'))).toBe(
      'RECOMMENDATION_NOT_FOUND',
    );
  });

  it('refuses an answer that is not a list of recommendations', async () => {
    scene.fixture.wire.rewrite<Record<string, unknown>>(
      'GET recommendations',
      ({ dismissed: _, ...rest }) => rest,
    );
    expect(await errorCode(scene.member.recommendations.list())).toBe('INVALID_RESPONSE');
  });
});
