import { safeHref } from '../../shared/links';
import { schema } from '../../shared/schema';

describe('link targets', () => {
  test.each(['https://www.iom.int/', 'http://auca.kg/tspc', 'mailto:wg-kz@example.org'])('%s is allowed', (href) => {
    expect(safeHref(href)).toBe(href);
  });

  test.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'ftp://x', '', 'not a url'])(
    '%s is refused',
    (href) => {
      expect(safeHref(href)).toBeNull();
    },
  );

  test('a stored javascript: link renders as plain text, never as an anchor', () => {
    const mark = schema.marks.link.create({ href: 'javascript:alert(1)' });
    const spec = schema.marks.link.spec.toDOM!(mark, true) as unknown as unknown[];
    expect(spec[0]).toBe('span');
  });
});
