import type { Transport } from '../core/http.js';

/** Base of every resource: holds the narrow transport it sends requests through. */
export abstract class Resource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  protected get transport(): Transport {
    return this.#transport;
  }
}
