// A fetch wrapper that keeps the body of every non-2xx response. The openai SDK keeps only a body's
// `error` property, so AI/ML API's flat error bodies would otherwise be lost ("401 status code (no body)").
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export class ErrorBodyCapture {
  /** Keyed by the Headers object the SDK later hands back on its APIError, so concurrent requests never mix. */
  private readonly bodies = new WeakMap<Headers, string>();

  constructor(private readonly baseFetch: FetchFunction) {}

  readonly fetch: FetchFunction = async (input, init) => {
    const response = await this.baseFetch(input, init);
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    const copy = new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    this.bodies.set(copy.headers, text);
    return copy;
  };

  bodyFor(headers: Headers | undefined): string | undefined {
    return headers ? this.bodies.get(headers) : undefined;
  }
}
