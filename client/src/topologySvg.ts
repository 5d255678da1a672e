/**
 * The topology view's picture: an SVG drawn by hand from the server's topology model — each IPMP
 * group a box, its member NICs boxes inside (state, probe- or link-based detection, data and test
 * addresses, moved and stranded ones marked), the NICs in no group, numbered warning badges (the
 * text in a tooltip and aria-label) listed under the picture, and a NIC's failure with what the
 * repair does. No vscode import: the webview and the SVG export draw the same picture, and unit
 * tests read it.
 *
 * Colours come only from VS Code's theme variables: in the webview the style sheet names them
 * (`var(--vscode-…)`), in an exported file they are resolved to the values the theme had.
 */
import type { TopologyAddress, TopologyModel, TopologyNic, TopologyWarning } from '../../server/src/features/topology';

/** Class → property → theme variable; the fallback is used when neither the webview nor the export knows the variable. */
const THEME_RULES: readonly { readonly selector: string; readonly props: Readonly<Record<string, readonly [variable: string, fallback: string]>> }[] = [
  { selector: '.tp-bg', props: { fill: ['--vscode-editor-background', '#1e1e1e'] } },
  { selector: '.tp-text', props: { fill: ['--vscode-editor-foreground', '#d4d4d4'] } },
  { selector: '.tp-muted', props: { fill: ['--vscode-descriptionForeground', '#9d9d9d'] } },
  { selector: '.tp-group', props: { fill: ['--vscode-sideBar-background', '#252526'], stroke: ['--vscode-panel-border', '#80808059'] } },
  { selector: '.tp-nic-box', props: { fill: ['--vscode-editorWidget-background', '#252526'], stroke: ['--vscode-editorWidget-border', '#454545'] } },
  { selector: '.tp-state-active', props: { fill: ['--vscode-charts-green', '#89d185'] } },
  { selector: '.tp-state-standby, .tp-state-inactive', props: { fill: ['--vscode-charts-blue', '#3794ff'] } },
  { selector: '.tp-state-failed', props: { fill: ['--vscode-charts-red', '#f14c4c'] } },
  { selector: '.tp-state-offline', props: { fill: ['--vscode-disabledForeground', '#cccccc80'] } },
  { selector: '.tp-failed .tp-nic-box', props: { stroke: ['--vscode-charts-red', '#f14c4c'] } },
  { selector: '.tp-data-mark', props: { fill: ['--vscode-charts-blue', '#3794ff'] } },
  { selector: '.tp-test-mark', props: { stroke: ['--vscode-charts-purple', '#b180d7'] } },
  { selector: '.tp-moved', props: { fill: ['--vscode-charts-orange', '#d18616'] } },
  { selector: '.tp-stranded', props: { fill: ['--vscode-errorForeground', '#f48771'] } },
  { selector: '.tp-badge-error', props: { fill: ['--vscode-editorError-foreground', '#f14c4c'] } },
  { selector: '.tp-badge-warning', props: { fill: ['--vscode-editorWarning-foreground', '#cca700'] } },
  { selector: '.tp-badge-info, .tp-badge-hint', props: { fill: ['--vscode-editorInfo-foreground', '#3794ff'] } },
  { selector: '.tp-badge-text', props: { fill: ['--vscode-editor-background', '#1e1e1e'] } },
  { selector: '.tp-nic:focus .tp-nic-box, .tp-nic:focus-visible .tp-nic-box', props: { stroke: ['--vscode-focusBorder', '#007fd4'] } },
];

/** Layout and type that do not depend on the theme. */
const FIXED_RULES = `
.tp-svg { font-size: 12px; }
.tp-title { font-size: 14px; font-weight: 600; }
.tp-heading { font-weight: 600; }
.tp-nic-name { font-weight: 600; font-size: 13px; }
.tp-group { stroke-width: 1; }
.tp-ungrouped { stroke-dasharray: 6 4; }
.tp-nic { cursor: pointer; outline: none; }
.tp-nic-box { stroke-width: 1; }
.tp-failed .tp-nic-box { stroke-width: 2; stroke-dasharray: 5 3; }
.tp-nic:focus .tp-nic-box, .tp-nic:focus-visible .tp-nic-box { stroke-width: 3; stroke-dasharray: none; }
.tp-test-mark { fill: none; stroke-width: 1.5; }
.tp-test { font-style: italic; }
.tp-down { text-decoration: line-through; }
.tp-badge-text { font-size: 10px; font-weight: 700; }
`;

/** Every theme variable the picture uses. */
export const THEME_VARIABLES: readonly string[] = [...new Set(THEME_RULES.flatMap((r) => Object.values(r.props).map(([v]) => v)))];

/**
 * The style sheet: with `colors` (variable → value, as the theme has them) concrete values for a
 * file that stands alone; without, `var(--vscode-…)` for the webview.
 */
export function topologyStyle(colors?: Readonly<Record<string, string>>, fontFamily?: string): string {
  const value = (variable: string, fallback: string): string => (colors ? colors[variable]?.trim() || fallback : `var(${variable}, ${fallback})`);
  const font = colors ? (fontFamily?.trim() || 'system-ui, sans-serif') : 'var(--vscode-font-family, system-ui, sans-serif)';
  const mono = colors ? 'ui-monospace, Menlo, Consolas, monospace' : 'var(--vscode-editor-font-family, ui-monospace, monospace)';
  const themed = THEME_RULES.map((r) => `${r.selector} { ${Object.entries(r.props).map(([prop, [v, f]]) => `${prop}: ${value(v, f)};`).join(' ')} }`).join('\n');
  return `.tp-svg { font-family: ${font}; }\n.tp-mono { font-family: ${mono}; }\n${FIXED_RULES.trim()}\n${themed}\n`;
}

/** Colours used when the theme's values cannot be read (no webview open): VS Code's Dark Modern and Light Modern. */
export function fallbackColors(kind: 'dark' | 'light'): Record<string, string> {
  const light: Record<string, string> = {
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b',
    '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-orange': '#d18616',
    '--vscode-disabledForeground': '#61616180',
    '--vscode-errorForeground': '#f85149',
    '--vscode-editorError-foreground': '#e51400',
    '--vscode-editorWarning-foreground': '#bf8803',
    '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-focusBorder': '#005fb8',
  };
  if (kind === 'light') return light;
  const dark: Record<string, string> = {};
  for (const rule of THEME_RULES) for (const [v, f] of Object.values(rule.props)) dark[v] ??= f;
  return dark;
}

export interface RenderOptions {
  /** A file that stands alone: the style sheet inside it, with these colours. */
  readonly standalone?: { readonly colors: Readonly<Record<string, string>>; readonly fontFamily?: string };
}

const CHAR = 7.4; // average advance of the 12px monospace font, px
const LINE = 18;
const PAD = 12;
const NIC_GAP = 14;
const MIN_NIC_WIDTH = 210;
const WRAP = 80; // characters per line of the texts under the picture

interface Numbered {
  readonly number: number;
  readonly warning: TopologyWarning;
  /** What it concerns: `ce0`, `group prod`, `192.168.10.10`, or `host`. */
  readonly about: string;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STATE_LABEL: Record<TopologyNic['state'], string> = {
  active: 'ACTIVE',
  standby: 'STANDBY',
  inactive: 'STANDBY (INACTIVE)',
  failed: 'FAILED',
  offline: 'OFFLINE',
};

function addressText(a: TopologyAddress): string {
  return `${a.address ?? '(DHCP)'}  ${a.lif}`;
}

function addressNote(a: TopologyAddress): string {
  const notes: string[] = [];
  if (a.movedFrom) notes.push(`← from ${a.movedFrom}`);
  if (a.stranded) notes.push('stranded');
  if (!a.up) notes.push('down');
  return notes.join(', ');
}

function severityWord(w: TopologyWarning): string {
  return w.severity === 'error' ? 'Error' : w.severity === 'warning' ? 'Warning' : 'Note';
}

function warningText(w: TopologyWarning): string {
  const where = w.source === 'in.mpathd' ? 'in.mpathd' : `${w.file ?? ''}${w.line ? `:${w.line}` : ''}${w.rule ? ` ${w.rule}` : ''}`.trim();
  return `${where}: ${w.message}`;
}

/** Wraps `text` at word boundaries into lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = '';
    }
    let w = word;
    while (w.length > width) {
      if (line) {
        out.push(line);
        line = '';
      }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

class Svg {
  readonly parts: string[] = [];
  text(x: number, y: number, text: string, cls = 'tp-text', extra = ''): void {
    this.parts.push(`<text x="${x}" y="${y}" class="${cls}"${extra}>${escapeXml(text)}</text>`);
  }
  raw(markup: string): void {
    this.parts.push(markup);
  }
}

function badge(svg: Svg, x: number, y: number, n: Numbered): number {
  const label = `${severityWord(n.warning)} ${n.number} on ${n.about}: ${warningText(n.warning)}`;
  const digits = String(n.number).length;
  const r = 8 + (digits - 1) * 3;
  svg.raw(
    `<g class="tp-badge" role="img" aria-label="${escapeXml(label)}" data-warning="${n.number}"><title>${escapeXml(label)}</title>` +
      `<circle cx="${x + r}" cy="${y}" r="${r}" class="tp-badge-${n.warning.severity}"/>` +
      `<text x="${x + r}" y="${y + 3.5}" text-anchor="middle" class="tp-badge-text">${n.number}</text></g>`,
  );
  return 2 * r + 4;
}

interface NicLayout {
  readonly nic: TopologyNic;
  readonly width: number;
  readonly height: number;
}

function nicLayout(nic: TopologyNic, badgesFor: (w: readonly TopologyWarning[]) => Numbered[]): NicLayout {
  const rows = [...nic.dataAddresses, ...nic.testAddresses];
  const longest = Math.max(
    nic.name.length + STATE_LABEL[nic.state].length + 4 + badgesFor(nic.warnings).length * 3,
    24,
    ...rows.map((a) => 4 + addressText(a).length + 2 + addressNote(a).length + badgesFor(a.warnings).length * 3),
  );
  const width = Math.max(MIN_NIC_WIDTH, Math.ceil(longest * CHAR + 2 * PAD));
  const height = PAD + LINE * (2 + Math.max(rows.length, 1)) + PAD / 2;
  return { nic, width, height };
}

function drawNic(svg: Svg, layout: NicLayout, x: number, y: number, badgesFor: (w: readonly TopologyWarning[]) => Numbered[]): void {
  const { nic, width, height } = layout;
  const detection = nic.detection === 'probe' ? 'probe-based' : nic.detection === 'link' ? 'link-based' : 'in no group';
  const action = nic.failed ? 'press to repair it' : 'press to simulate its failure';
  const moved = nic.dataAddresses.filter((a) => a.movedFrom).map((a) => `${a.address ?? 'DHCP'} from ${a.movedFrom}`);
  const label = `NIC ${nic.name}, ${STATE_LABEL[nic.state].toLowerCase()}, ${detection}; data ${nic.dataAddresses.map((a) => a.address ?? 'DHCP').join(', ') || 'none'}${moved.length ? ` (moved here: ${moved.join(', ')})` : ''}; test ${nic.testAddresses.map((a) => a.address ?? 'DHCP').join(', ') || 'none'}; ${nic.warnings.length ? `${nic.warnings.length} warning(s); ` : ''}${action}`;
  svg.raw(
    `<g class="tp-nic tp-nic-${nic.state}${nic.failed ? ' tp-failed' : ''}" data-nic="${escapeXml(nic.name)}" tabindex="0" role="button" aria-pressed="${nic.failed}" aria-label="${escapeXml(label)}">`,
  );
  svg.raw(`<title>${escapeXml(`${nic.name}: ${action}`)}</title>`);
  svg.raw(`<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" class="tp-nic-box"/>`);
  let ty = y + PAD + 12;
  svg.text(x + PAD, ty, nic.name, 'tp-text tp-nic-name tp-mono');
  const stateX = x + PAD + (nic.name.length + 1) * CHAR * 1.1;
  svg.text(stateX, ty, STATE_LABEL[nic.state], `tp-state tp-state-${nic.state}`);
  let bx = stateX + STATE_LABEL[nic.state].length * CHAR + 6;
  for (const n of badgesFor(nic.warnings)) bx += badge(svg, bx, ty - 4, n);
  ty += LINE;
  const detectionText = nic.detection === 'probe' ? 'probe-based (in.mpathd probes from the test address)' : nic.detection === 'link' ? 'link-based (link state only)' : 'not watched by IPMP';
  svg.text(x + PAD, ty, detectionText.length * CHAR > width - 2 * PAD ? detectionText.replace(/ \(.*\)$/, '') : detectionText, 'tp-muted tp-detection');
  const rows = [...nic.dataAddresses, ...nic.testAddresses];
  if (rows.length === 0) svg.text(x + PAD, ty + LINE, 'no address', 'tp-muted');
  for (const a of rows) {
    ty += LINE;
    const mx = x + PAD + 5;
    if (a.role === 'data') svg.raw(`<circle cx="${mx}" cy="${ty - 4}" r="4.5" class="tp-data-mark"><title>data address</title></circle>`);
    else svg.raw(`<path d="M ${mx} ${ty - 9.5} L ${mx + 5} ${ty - 4} L ${mx} ${ty + 1.5} L ${mx - 5} ${ty - 4} Z" class="tp-test-mark"><title>test address</title></path>`);
    const textX = x + PAD + 16;
    const cls = `tp-text tp-mono tp-address tp-${a.role}${a.up ? '' : ' tp-down'}`;
    svg.text(textX, ty, addressText(a), cls, ` data-role="${a.role}" data-address="${escapeXml(a.address ?? '')}"`);
    let nx = textX + (addressText(a).length + 2) * CHAR;
    const note = addressNote(a);
    if (note) {
      svg.text(nx, ty, note, a.stranded ? 'tp-stranded' : a.movedFrom ? 'tp-moved' : 'tp-muted');
      nx += (note.length + 1) * CHAR;
    }
    for (const n of badgesFor(a.warnings)) nx += badge(svg, nx, ty - 4, n);
  }
  svg.raw('</g>');
}

/** The SVG of a host's topology. */
export function renderTopologySvg(model: TopologyModel, options: RenderOptions = {}): string {
  // Number the warnings in reading order: groups, their members and addresses, NICs in no group, the host.
  const numbered: Numbered[] = [];
  const numbers = new Map<TopologyWarning, Numbered>();
  const add = (list: readonly TopologyWarning[], about: string): void => {
    for (const warning of list) {
      const n = { number: numbered.length + 1, warning, about };
      numbered.push(n);
      numbers.set(warning, n);
    }
  };
  const addNic = (nic: TopologyNic): void => {
    add(nic.warnings, nic.name);
    for (const a of [...nic.dataAddresses, ...nic.testAddresses]) add(a.warnings, `${a.address ?? 'DHCP'} (${a.lif})`);
  };
  for (const g of model.groups) {
    add(g.warnings, `group ${g.name}`);
    g.members.forEach(addNic);
  }
  model.ungrouped.forEach(addNic);
  add(model.warnings, 'the host');
  const badgesFor = (list: readonly TopologyWarning[]): Numbered[] => list.map((w) => numbers.get(w)!);

  const svg = new Svg();
  let y = PAD + 16;
  const left = PAD + 4;
  const title = `${model.host} — IPMP ${model.failure ? `after ${model.failure.nic} failed` : 'after boot'}`;
  svg.text(left, y, title, 'tp-text tp-title');
  y += LINE + 4;
  // Legend.
  svg.raw(`<circle cx="${left + 5}" cy="${y - 4}" r="4.5" class="tp-data-mark"/>`);
  svg.text(left + 14, y, 'data address (moves on failure)', 'tp-muted');
  const lx = left + 14 + 33 * CHAR;
  svg.raw(`<path d="M ${lx + 5} ${y - 9.5} L ${lx + 10} ${y - 4} L ${lx + 5} ${y + 1.5} L ${lx} ${y - 4} Z" class="tp-test-mark"/>`);
  svg.text(lx + 16, y, 'test address (stays, for probing)', 'tp-muted');
  y += LINE + 6;

  const sections: { title: string; warnings: readonly TopologyWarning[]; nics: readonly TopologyNic[]; ungrouped: boolean; group?: string }[] = [
    ...model.groups.map((g) => ({ title: `group ${g.name} — ${g.detection === 'probe' ? 'probe-based' : g.detection === 'link' ? 'link-based' : 'probe- and link-based'} failure detection`, warnings: g.warnings, nics: g.members, ungrouped: false, group: g.name })),
    ...(model.ungrouped.length ? [{ title: 'not in an IPMP group', warnings: [], nics: model.ungrouped, ungrouped: true }] : []),
  ];
  let width = 480;
  const boxes: { section: (typeof sections)[number]; layouts: NicLayout[]; w: number; h: number }[] = sections.map((section) => {
    const layouts = section.nics.map((n) => nicLayout(n, badgesFor));
    const w = Math.max(layouts.reduce((s, l) => s + l.width, 0) + NIC_GAP * Math.max(layouts.length - 1, 0) + 2 * PAD, (section.title.length + 4) * CHAR + 2 * PAD);
    const h = LINE + PAD * 2 + Math.max(0, ...layouts.map((l) => l.height)) + PAD;
    width = Math.max(width, w + 2 * left);
    return { section, layouts, w, h };
  });
  if (sections.length === 0) {
    svg.text(left, y, 'The boot of this host plumbs no NIC besides lo0.', 'tp-muted');
    y += LINE;
  }
  for (const box of boxes) {
    const group = box.section.group;
    svg.raw(`<g class="tp-group-g"${group !== undefined ? ` data-group="${escapeXml(group)}"` : ''} role="group" aria-label="${escapeXml(box.section.title)}">`);
    svg.raw(`<rect x="${left}" y="${y}" width="${box.w}" height="${box.h}" rx="8" class="tp-group${box.section.ungrouped ? ' tp-ungrouped' : ''}"/>`);
    svg.text(left + PAD, y + PAD + 12, box.section.title, 'tp-text tp-heading');
    let bx = left + PAD + (box.section.title.length + 1) * CHAR;
    for (const n of badgesFor(box.section.warnings)) bx += badge(svg, bx, y + PAD + 8, n);
    let nx = left + PAD;
    const ny = y + PAD + LINE + PAD / 2 + 4;
    for (const layout of box.layouts) {
      drawNic(svg, layout, nx, ny, badgesFor);
      nx += layout.width + NIC_GAP;
    }
    svg.raw('</g>');
    y += box.h + 14;
  }

  let widest = 0; // characters of the longest line under the picture
  const paragraph = (lines: readonly string[], cls = 'tp-text', indent = 0): void => {
    for (const line of lines) {
      for (const part of wrap(line, WRAP - indent)) {
        widest = Math.max(widest, part.length + indent);
        svg.text(left + indent * CHAR, y, part, cls);
        y += LINE;
      }
    }
  };

  const failure = model.failure;
  if (failure) {
    y += 4;
    svg.text(left, y, `${failure.nic} fails (${failure.detection === 'untracked' ? 'in.mpathd does not watch it' : `${failure.detection}-based detection`})`, 'tp-text tp-heading');
    y += LINE;
    if (failure.moves.length) paragraph(failure.moves.map((m) => `${m.address}: ${m.from} → ${m.to}`), 'tp-moved tp-mono', 2);
    else paragraph([failure.destination ? 'No data address to move.' : 'No other member can take its addresses.'], 'tp-muted', 2);
    if (failure.stranded.length) paragraph([`Unreachable until the repair: ${failure.stranded.join(', ')}`], 'tp-stranded', 2);
    paragraph(failure.log.map((l) => `in.mpathd: ${l}`), 'tp-muted tp-mono', 2);
    svg.text(left, y, `The repair (click ${failure.nic} again)`, 'tp-text tp-heading');
    y += LINE;
    if (failure.repair.moves.length) paragraph(failure.repair.moves.map((m) => `${m.address}: ${m.from} → ${m.to}`), 'tp-text tp-mono', 2);
    else paragraph(['No address moves back (FAILBACK=no, or nothing had moved).'], 'tp-muted', 2);
    paragraph(failure.repair.log.map((l) => `in.mpathd: ${l}`), 'tp-muted tp-mono', 2);
    y += 4;
  } else if (model.unknownNic) {
    paragraph([`${model.unknownNic} is not a NIC of this host: there is no failure to show.`], 'tp-muted');
  }

  if (numbered.length) {
    y += 4;
    svg.text(left, y, `Warnings (${numbered.length})`, 'tp-text tp-heading');
    y += LINE;
    svg.raw('<g class="tp-warnings" role="list">');
    for (const n of numbered) {
      const lines = wrap(`${n.about} — ${warningText(n.warning)}`, WRAP - 4);
      svg.raw(`<g role="listitem" data-warning-item="${n.number}">`);
      badge(svg, left, y - 4, n);
      for (const line of lines) {
        widest = Math.max(widest, line.length + 4);
        svg.text(left + 4 * CHAR, y, line, 'tp-text');
        y += LINE;
      }
      svg.raw('</g>');
    }
    svg.raw('</g>');
  }
  if (!options.standalone && sections.some((s) => s.nics.length)) {
    y += 4;
    paragraph([model.failure ? `Click ${model.failure.nic} (or focus it and press Enter or Space) to repair it; click another NIC to fail that one instead.` : 'Click a NIC (or focus it with Tab and press Enter or Space) to simulate its failure; again to repair it.'], 'tp-muted');
  }
  const height = Math.ceil(y + PAD);
  width = Math.ceil(Math.max(width, Math.min(widest, WRAP) * CHAR + 2 * left));
  const style = options.standalone ? `<style>\n${topologyStyle(options.standalone.colors, options.standalone.fontFamily)}</style>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="tp-svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${escapeXml(`IPMP topology of ${model.host}`)}">` +
    `${options.standalone ? `<title>${escapeXml(title)}</title>` : ''}${style}` +
    `<rect x="0" y="0" width="${width}" height="${height}" class="tp-bg"/>` +
    svg.parts.join('') +
    '</svg>'
  );
}
