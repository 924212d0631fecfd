import type { Transport } from '../core/http.js';

/** Base of every resource: holds the narrow transport it sends requests through. */
export abstract class Resource {
  readonly #transport: Transport;

  /**
   * A resource sending its requests through `transport`.
   * @internal Only `KlerClient` builds resources, with its private `Transport` (the one place
   * that talks HTTP). Use `kler.sessions` and the like: neither `Transport` nor this constructor
   * is public API, so they stay out of the documentation.
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  protected get transport(): Transport {
    return this.#transport;
  }
}
