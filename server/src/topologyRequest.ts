/**
 * The topology view's answer for one host: the explanation of its boot (and of a NIC's failure)
 * from the language service, with the findings of every file of the host — each file checked
 * as an open document would be, with its own settings — turned into the topology model.
 */
import type { LanguageService } from './languageService';
import { effectiveSeverity } from './features/diagnostics';
import type { Settings } from './features/settings';
import { buildTopology, type TopologyFileFindings, type TopologyModel } from './features/topology';
import type { FileKind } from './syntax/fileKind';

export interface TopologyRequestOptions {
  readonly fail?: string;
  /** How the host is named (`web1/etc`). */
  readonly label?: string;
  /** A file's settings (the editor's, with its project file on top). */
  readonly settingsOf: (uri: string) => Promise<Settings>;
  readonly fallbackHostsUri?: (uri: string, settings: Settings) => string | undefined;
  readonly relativePaths?: (uri: string) => string[];
}

export async function hostTopology(service: LanguageService, uri: string, options: TopologyRequestOptions): Promise<TopologyModel> {
  const settings = await options.settingsOf(uri);
  const fallbackHostsUri = options.fallbackHostsUri?.(uri, settings);
  const explanation = await service.explain(uri, settings.release, { fallbackHostsUri, fail: options.fail, label: options.label });
  const view = await service.host(uri, settings.release, fallbackHostsUri);
  const inputs: { uri: string; label: string; kind: FileKind; text: string }[] = [
    ...view.interfaces.map((i) => ({ uri: i.uri, label: i.baseName, kind: 'hostname' as const, text: i.file.text })),
    ...[view.hosts, view.ipnodes].flatMap((h) => (h ? [{ uri: h.uri, label: h.label, kind: 'hosts' as const, text: h.file.text }] : [])),
    ...(view.netmasks ? [{ uri: view.netmasks.uri, label: view.netmasks.label, kind: 'netmasks' as const, text: view.netmasks.file.text }] : []),
    ...(view.mpathd ? [{ uri: view.mpathd.uri, label: view.mpathd.label, kind: 'mpathd' as const, text: view.mpathd.file.text }] : []),
  ];
  const files: TopologyFileFindings[] = [];
  for (const input of inputs) {
    const fileSettings = await options.settingsOf(input.uri);
    if (!fileSettings.validate) continue;
    const analysis = await service.analyzeDocument({ uri: input.uri, kind: input.kind, text: input.text }, fileSettings, {
      relativePaths: options.relativePaths?.(input.uri),
      fallbackHostsUri: options.fallbackHostsUri?.(input.uri, fileSettings),
    });
    const findings = analysis.findings.flatMap((f) => {
      const severity = effectiveSeverity(f, fileSettings);
      return severity ? [{ rule: f.rule, severity, message: f.message, range: f.range }] : [];
    });
    files.push({ file: input.label, kind: input.kind, text: input.text, findings });
  }
  return buildTopology(explanation, files, { fail: options.fail });
}
