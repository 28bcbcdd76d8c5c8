/** A browser-like cookie jar: name → value, updated from each response's Set-Cookie list. */
export interface SetCookie {
  name: string;
  value: string;
  cleared: boolean;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  apply(setCookies: readonly SetCookie[]): void {
    for (const cookie of setCookies) {
      if (cookie.cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Only the named cookies, e.g. an attacker's copy of the session cookie. */
  pick(...names: string[]): Record<string, string> {
    const picked: Record<string, string> = {};
    for (const name of names) {
      const value = this.cookies.get(name);
      if (value !== undefined) picked[name] = value;
    }
    return picked;
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.cookies);
  }

  clone(): CookieJar {
    return new CookieJar(this.toObject());
  }
}
