/**
 * Chart downloads: an SVG with the styles it needs inlined (so it looks the same outside the page),
 * and a PNG drawn from that SVG on a canvas. Everything stays in the page: blob URLs, no requests.
 */

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

export interface LegendItem {
  label: string;
  colour: string;
  dashed?: boolean;
}

/** What a downloaded chart carries besides its plot, so the file explains itself. */
export interface ExportMeta {
  title: string;
  legend?: LegendItem[];
  /** A last line of small print (run settings). */
  note?: string;
}

const NS = 'http://www.w3.org/2000/svg';

function svgText(x: number, y: number, text: string, size: number, weight = 400): SVGTextElement {
  const t = document.createElementNS(NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.style.cssText = `fill:#1a1a1a;font-family:system-ui, sans-serif;font-size:${size}px;font-weight:${weight}`;
  t.textContent = text;
  return t;
}

/**
 * Serialise an SVG element with computed styles inlined, on a white background, with the chart's
 * title above and its legend and note below (they live in HTML on the page).
 */
export function serializeSvg(svg: SVGSVGElement, meta?: ExportMeta): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const dst = [clone, ...Array.from(clone.querySelectorAll<SVGElement>('*'))];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    dst[i].style.cssText = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  });
  const { width, height } = svg.getBoundingClientRect();
  const w = Math.round(width);
  const top = meta ? 34 : 0;
  const bottom = meta ? (meta.legend?.length ? 26 : 0) + (meta.note ? 22 : 0) + 6 : 0;
  const out = document.createElementNS(NS, 'svg');
  out.setAttribute('xmlns', NS);
  out.setAttribute('width', String(w));
  out.setAttribute('height', String(Math.round(height) + top + bottom));
  const bg = document.createElementNS(NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  out.appendChild(bg);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(top));
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(Math.round(height)));
  clone.removeAttribute('tabindex');
  out.appendChild(clone);
  if (meta) {
    out.appendChild(svgText(8, 22, meta.title, 16, 700));
    let y = top + Math.round(height) + 18;
    if (meta.legend?.length) {
      let x = 8;
      for (const item of meta.legend) {
        const key = document.createElementNS(NS, item.dashed ? 'line' : 'rect');
        if (item.dashed) {
          key.setAttribute('x1', String(x));
          key.setAttribute('x2', String(x + 18));
          key.setAttribute('y1', String(y - 4));
          key.setAttribute('y2', String(y - 4));
          key.style.cssText = `stroke:${item.colour};stroke-width:2;stroke-dasharray:5 3`;
        } else {
          key.setAttribute('x', String(x));
          key.setAttribute('y', String(y - 10));
          key.setAttribute('width', '18');
          key.setAttribute('height', '10');
          key.style.cssText = `fill:${item.colour}`;
        }
        out.appendChild(key);
        out.appendChild(svgText(x + 24, y, item.label, 12));
        x += 24 + item.label.length * 6.6 + 16;
      }
      y += 22;
    }
    if (meta.note) out.appendChild(svgText(8, y, meta.note, 11));
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}

/** Save a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

export function downloadSvg(svg: SVGSVGElement, filename: string, meta?: ExportMeta): void {
  downloadText(serializeSvg(svg, meta), filename, 'image/svg+xml');
}

/** Render the serialised SVG on a canvas at 2× and save it as PNG. */
export async function downloadPng(svg: SVGSVGElement, filename: string, meta?: ExportMeta): Promise<void> {
  const text = serializeSvg(svg, meta);
  // The exported SVG's own size (title and legend included).
  const size = /<svg[^>]*?width="(\d+)"[^>]*?height="(\d+)"/.exec(text);
  const width = size ? Number(size[1]) : svg.getBoundingClientRect().width;
  const height = size ? Number(size[2]) : svg.getBoundingClientRect().height;
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    downloadBlob(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
