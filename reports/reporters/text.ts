/** Small helpers the reporters share: escaping and trimming text that came from a target. */

/** Control characters (except tab and newline) removed: a target's answers may hold anything. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '').replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => {
    const code = c.charCodeAt(0);
    // Keep well-formed surrogate pairs; drop lone halves (not valid in XML).
    if (code <= 0xdbff) return /[\udc00-\udfff]/.test(s[i + 1] ?? '') ? c : '';
    return /[\ud800-\udbff]/.test(s[i - 1] ?? '') ? c : '';
  });
}

export function escapeXml(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const escapeHtml = escapeXml;

/** Markdown table cell: pipes and newlines would break the row. */
export function cell(text: string): string {
  return clean(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
