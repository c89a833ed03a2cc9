import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built page. Everything the page loads comes from its own
 * origin: one module script, one stylesheet, two module workers and the bundled presets. No inline
 * script, no eval, no other hosts; `data:`/`blob:` images only for the favicon stub and the PNG
 * export (an SVG drawn onto a canvas). Downloads are `blob:` links, which CSP does not govern.
 *
 * `frame-ancestors` cannot be set from a <meta> element (Chromium ignores it there with a console
 * error), so a server should also send the policy as a header with `frame-ancestors 'none'` added:
 * `vite preview` does (see vite.config.ts), and SECURITY.md says so for other hosts.
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'style-src': "'self' 'report-sample'",
  'img-src': "'self' data: blob:",
  'connect-src': "'self'",
  'font-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'object-src': "'none'",
};

export function cspText(extra: Record<string, string> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...extra })
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The header form, for servers (adds what a <meta> policy cannot carry). */
export const CSP_HEADER = cspText({ 'frame-ancestors': "'none'" });

/**
 * Adds the policy to the built index.html as a <meta http-equiv> (so it holds wherever the files are
 * hosted) and fails the build if the page would carry an inline script. Dev mode is left alone:
 * Vite's dev server injects inline code for hot reload.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inline = html.match(/<script(?![^>]*\bsrc=)[^>]*>/i);
        if (inline) throw new Error(`index.html has an inline script (${inline[0]}); the CSP forbids it`);
        // Right after <meta charset> (which must come first), before any script or stylesheet.
        const meta = `<meta http-equiv="Content-Security-Policy" content="${cspText()}" />`;
        const charset = /<meta charset=[^>]*>/i;
        if (!charset.test(html)) throw new Error('index.html has no <meta charset>; the CSP goes right after it');
        return html.replace(charset, (m) => `${m}\n    ${meta}`);
      },
    },
  };
}
