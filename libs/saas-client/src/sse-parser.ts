/** One complete server-sent-events block. */
export interface SseBlock {
  /** The `data:` lines joined with `\n`; `undefined` when the block had none (a comment or heartbeat). */
  data: string | undefined;
  /** The block's `id:` value, when it had one. */
  id: string | undefined;
}

/** Options of {@link createSseParser}. */
export interface SseParserOptions {
  onBlock(block: SseBlock): void;
  /** Called when a block grew beyond `maxBlockBytes` and was discarded. */
  onOversize?(): void;
  /** Largest block kept; default 1 MiB (spec/saas-api.md §5.3). */
  maxBlockBytes?: number;
}

/** Incremental SSE parser: push text as it arrives. */
export interface SseParser {
  push(text: string): void;
}

/**
 * Creates an {@link SseParser} (spec/saas-api.md §5.3): lines end with `\n`, `\r\n` or `\r`; `data:`
 * lines of one block are joined with `\n`; a blank line ends a block; `:` lines are comments; `id:` is
 * kept; `event:` and `retry:` are ignored; one optional space after the colon is dropped.
 */
export function createSseParser(options: SseParserOptions): SseParser {
  const maxBytes = options.maxBlockBytes ?? 1_048_576;
  let pending = '';
  let skipLeadingLf = false;
  let data: string[] = [];
  let id: string | undefined;
  let hasContent = false;
  let size = 0;
  let oversized = false;

  const endBlock = () => {
    if (oversized) options.onOversize?.();
    else if (hasContent) options.onBlock({ data: data.length > 0 ? data.join('\n') : undefined, id });
    data = [];
    id = undefined;
    hasContent = false;
    size = 0;
    oversized = false;
  };

  const line = (text: string) => {
    if (text === '') return endBlock();
    hasContent = true;
    size += text.length;
    if (size > maxBytes) oversized = true;
    if (oversized || text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return {
    push(text) {
      let input = text;
      if (skipLeadingLf && input.startsWith('\n')) input = input.slice(1);
      skipLeadingLf = false;
      pending += input;
      let start = 0;
      for (let i = 0; i < pending.length; i++) {
        const c = pending[i];
        if (c !== '\n' && c !== '\r') continue;
        line(pending.slice(start, i));
        if (c === '\r') {
          if (i + 1 < pending.length && pending[i + 1] === '\n') i++;
          else if (i + 1 === pending.length) skipLeadingLf = true;
        }
        start = i + 1;
      }
      pending = pending.slice(start);
      if (pending.length > maxBytes) {
        oversized = true;
        pending = '';
      }
    },
  };
}
