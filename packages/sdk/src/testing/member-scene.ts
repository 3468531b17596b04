import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { MemberClient } from '../member/member-client.js';
import { registeredMember, startServer } from './member-fixture.js';
import type { Fixture, TestApp } from './member-fixture.js';
import { fixtureMember } from './sharing-scene.js';

/** One server for the spec file and, for each test, a new member signed in through the SDK. */
export interface MemberScene {
  server: TestApp;
  fixture: Fixture;
  /** {@link fixtureMember}: on the fixture's wire and clock, able to open the card. */
  member: MemberClient;
}

/**
 * Registers the spec file's hooks: starts the server before all tests and stops it after them,
 * registers a new member before each test and signs it out after it. Read the scene in tests.
 */
export function memberEachTest(): MemberScene {
  const scene = {} as MemberScene;
  beforeAll(async () => {
    scene.server = await startServer();
  });
  afterAll(() => scene.server.close());
  beforeEach(async () => {
    scene.fixture = await registeredMember(scene.server);
    scene.member = fixtureMember(scene.server, scene.fixture);
  });
  afterEach(() => scene.member.session.close());
  return scene;
}
