// The ways run.js ends early, each with its own exit code (bench/README.md).

/** A wrong invocation: the message and the usage text, exit code 2. */
export class UsageError extends Error {}
/** A setup that cannot work (no build, say): the message alone, exit code 1. */
export class SetupError extends Error {}
/** Ctrl-C or SIGTERM: nothing more to say, exit code 130. */
export class Interrupted extends Error {}
