// Errors the CLI reports as one clear line (never a stack trace).
export class UsageError extends Error {}
