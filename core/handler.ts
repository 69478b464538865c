// A Fetch handler the kit serves from (the SDK direction: the kit plays FPS) or serves to (the
// emulator core behind the SDK service). Transports (MSW in-process, a loopback port) carry its answers.

/** The answer that tells a transport to drop the connection instead of answering (an injected fault). */
export const RESET = Symbol('fps-conformance.reset');
export type ServiceResponse = Response | typeof RESET;

/** What a transport serves: one request in, an answer or a reset out. */
export interface ServiceHandler {
  handle(request: Request): Promise<ServiceResponse>;
}

/** A Fetch `Request → Response` backend that holds resources until closed. */
export interface Backend {
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}
