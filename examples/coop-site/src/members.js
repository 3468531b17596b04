// @ts-check

/**
 * @typedef {{
 *   username: string;
 *   fields: Record<string, unknown>;
 *   member_public_key: string;
 *   signed_at: string;
 *   joined_at: string;
 * }} Member
 */

const MEMBERS = 'members.json';

/**
 * Members who joined through the site, with the data they shared. A real cooperative writes this
 * to its own database (its register of members); here it is a JSON file in the state dir.
 * Writes are queued so two callbacks finishing at once cannot lose one another.
 *
 * @param {import('./state.js').StateStore} state
 */
export function createMembersStore(state) {
  let queue = Promise.resolve();

  /** @returns {Promise<Member[]>} */
  async function list() {
    /** @type {{ members: Member[] } | undefined} */
    const file = await state.read(MEMBERS);
    return file?.members ?? [];
  }

  return {
    list,

    /**
     * Adds the member, or replaces their record when they share again.
     *
     * @param {Member} member
     */
    save(member) {
      const write = queue.then(async () => {
        const members = (await list()).filter((m) => m.username !== member.username);
        await state.write(MEMBERS, { members: [...members, member] });
      });
      queue = write.catch(() => {});
      return write;
    },
  };
}

/** @typedef {ReturnType<typeof createMembersStore>} MembersStore */
