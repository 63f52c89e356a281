import { describe, expect, it } from 'vitest';
import { docsPage, inline, markdownToHtml, slug } from '../src/markdown';

describe('markdownToHtml', () => {
  it('turns headings into anchored headings', () => {
    expect(markdownToHtml('## API tour\n### API tour')).toBe('<h2 id="api-tour">API tour</h2>\n<h3 id="api-tour-1">API tour</h3>');
    expect(slug('Limits (defaults)')).toBe('limits-defaults');
  });

  it('keeps code blocks verbatim and escaped', () => {
    const md = '```sh\ncurl -F "file=@a.png" http://127.0.0.1:8080/api/v1/media <x>\n```';
    expect(markdownToHtml(md)).toBe('<pre><code class="language-sh">curl -F &quot;file=@a.png&quot; http://127.0.0.1:8080/api/v1/media &lt;x&gt;</code></pre>');
  });

  it('renders tables, lists and paragraphs', () => {
    const md = '| key | default |\n|---|---|\n| `invertavatar.media.max-side` | 4096 |\n\n- one\n- two **bold**\n\n1. first\n2. second\n\nSome text\nwrapped.';
    const html = markdownToHtml(md);
    expect(html).toContain('<table><thead><tr><th>key</th><th>default</th></tr></thead><tbody><tr><td><code>invertavatar.media.max-side</code></td><td>4096</td></tr></tbody></table>');
    expect(html).toContain('<ul><li>one</li><li>two <strong>bold</strong></li></ul>');
    expect(html).toContain('<ol><li>first</li><li>second</li></ol>');
    expect(html).toContain('<p>Some text wrapped.</p>');
  });

  it('escapes HTML in text and drops unsafe links', () => {
    expect(inline('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(inline('[x](javascript:alert(1))')).not.toContain('href');
    expect(inline('[Swagger](/swagger-ui.html) and *this*')).toBe('<a href="/swagger-ui.html">Swagger</a> and <em>this</em>');
  });

  it('wraps the page with a stylesheet link and no inline script or style', () => {
    const page = docsPage('Tour <1>', '<p>x</p>');
    expect(page).toContain('<title>Tour &lt;1&gt; · InvertAvatar</title>');
    expect(page).toContain('href="/docs.css"');
    expect(page).not.toMatch(/<script|<style|style=/);
  });
});
