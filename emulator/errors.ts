/** An error the emulated service returns to the caller: HTTP status, error code, message. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = code
  }
}
