// Puts pseudonymised values back into an answer as it streams. A placeholder (`[EMAIL_1]`) may
// arrive split over several chunks, so text from a `[` that could still begin one is held back
// until it is complete or cannot be one any more.
const PLACEHOLDER = /\[[A-Z][A-Z0-9_]{0,63}_\d{1,6}\]/g;
const MAX_PLACEHOLDER = 74;
/** What a placeholder not yet complete may look like at the end of the text. */
const OPEN_TAIL = /\[(?:[A-Z][A-Z0-9_]{0,63}(?:_\d{0,6})?)?$/;

export class PlaceholderRestorer {
  private held = '';

  constructor(private readonly values: ReadonlyMap<string, string>) {}

  push(text: string): string {
    if (this.values.size === 0) return text;
    const all = this.held + text;
    const tail = OPEN_TAIL.exec(all.length > MAX_PLACEHOLDER ? all.slice(-MAX_PLACEHOLDER) : all);
    const cut = tail ? all.length - tail[0].length : all.length;
    this.held = all.slice(cut);
    return this.replace(all.slice(0, cut));
  }

  end(): string {
    const rest = this.held;
    this.held = '';
    return this.replace(rest);
  }

  private replace(text: string): string {
    return text.replace(PLACEHOLDER, (p) => this.values.get(p) ?? p);
  }
}
