/**
 * The requests behind the client's commands: Preview Boot and Simulate Failure, the topology
 * view, New IPMP Group, Convert to ipadm, the host status and Check All Hosts. Each is about the
 * host of a file, whether that file is open or not.
 */
import { DiagnosticSeverity, type CancellationToken } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { RELEASE_LABELS } from '../catalog/releases';
import { newGroupEdit, planNewGroup, type NewGroupEditParams, type NewGroupEditResult, type NewGroupPlan, type NewGroupPlanParams } from '../features/newGroup';
import { DEFAULT_SETTINGS } from '../features/settings';
import { hostLabel } from '../languageService';
import type {
  CheckAllHostsParams,
  CheckAllHostsResult,
  ConvertParams,
  ConvertResult,
  HostStatusParams,
  HostStatusResult,
  PreviewParams,
  PreviewResult,
  TopologyParams,
  TopologyResult,
} from '../protocol';
import type { FileKind } from '../syntax/fileKind';
import { hostTopology } from '../topologyRequest';
import { hostRootUri, normalizeUri } from '../workspace/hostModel';
import type { ServerContext } from './context';
import { checkFileOnDisk } from './diagnostics';

export async function previewBoot(ctx: ServerContext, params: PreviewParams): Promise<PreviewResult | null> {
  const uri = normalizeUri(params.uri);
  if (!ctx.editor.kindOfPath(uri)) return null;
  const settings = await ctx.settings.fileSettings(params.uri);
  const preview = await ctx.service.preview(uri, settings.release, {
    fallbackHostsUri: ctx.folders.fallbackHostsUri(uri, settings),
    fail: params.fail,
    label: ctx.folders.label(hostRootUri(uri)),
  });
  return { rootUri: preview.rootUri, label: preview.label, text: preview.text, nics: preview.nics, failed: preview.failed ?? null };
}

export async function topology(ctx: ServerContext, params: TopologyParams): Promise<TopologyResult | null> {
  const uri = normalizeUri(params.uri);
  if (!ctx.editor.kindOfPath(uri)) return null;
  const rootUri = hostRootUri(uri);
  const label = ctx.folders.label(rootUri) ?? hostLabel(rootUri);
  const model = await hostTopology(ctx.service, uri, {
    fail: params.fail,
    label,
    settingsOf: (u) => ctx.settings.fileSettings(u),
    fallbackHostsUri: (u, settings) => ctx.folders.fallbackHostsUri(u, settings),
    relativePaths: (u) => ctx.folders.relativePaths(u),
  });
  return { rootUri, label, model };
}

/** New IPMP Group, first step: proposals for the host of a file. */
export async function planGroup(ctx: ServerContext, params: NewGroupPlanParams): Promise<NewGroupPlan | null> {
  const uri = normalizeUri(params.uri);
  if (!ctx.editor.kindOfPath(uri)) return null;
  const settings = await ctx.settings.fileSettings(uri);
  const view = await ctx.service.host(uri, settings.release, ctx.folders.fallbackHostsUri(uri, settings));
  const { uri: _, ...asked } = params;
  return planNewGroup(view, settings.release, { ...asked, label: ctx.folders.label(view.rootUri) ?? hostLabel(view.rootUri) });
}

/** New IPMP Group, second step: the edit for the user's answers. */
export async function groupEdit(ctx: ServerContext, params: NewGroupEditParams): Promise<NewGroupEditResult | null> {
  const uri = normalizeUri(params.uri);
  if (!ctx.editor.kindOfPath(uri)) return null;
  const settings = await ctx.settings.fileSettings(uri);
  return newGroupEdit(await ctx.service.host(uri, settings.release, ctx.folders.fallbackHostsUri(uri, settings)), params.answers, settings);
}

export async function convertToIpadm(ctx: ServerContext, params: ConvertParams): Promise<ConvertResult | null> {
  const uri = normalizeUri(params.uri);
  if (!ctx.editor.kindOfPath(uri)) return null;
  const rootUri = hostRootUri(uri);
  const label = ctx.folders.label(rootUri) ?? hostLabel(rootUri);
  const settings = await ctx.settings.fileSettings(uri);
  const conversion = await ctx.service.convert(uri, settings.release, { fallbackHostsUri: ctx.folders.fallbackHostsUri(uri, settings), label });
  return {
    rootUri,
    label,
    text: conversion.text,
    groups: conversion.groups.map((g) => ({ group: g.group, ipmpInterface: g.ipmpInterface, members: g.members })),
    commands: conversion.sections.reduce((n, s) => n + s.commands.length, 0),
    notConverted: conversion.notConverted.length,
  };
}

/** The status bar's host: its files, its release and where that came from, and its problems on disk. */
export async function hostStatus(ctx: ServerContext, params: HostStatusParams): Promise<HostStatusResult | null> {
  const uri = normalizeUri(params.uri);
  // An untitled document has no folder, so no host.
  if (!ctx.editor.kindOfPath(uri) || URI.parse(uri).scheme === 'untitled') return null;
  const rootUri = hostRootUri(uri);
  const editor = await ctx.settings.editorSettings(uri);
  const { settings } = await ctx.service.effectiveSettings(uri, editor);
  const host = await ctx.service.host(uri, settings.release, ctx.folders.fallbackHostsUri(uri, settings));
  // The project file wins when it names a release (README ".ipmp-lint.json", precedence).
  const project = await ctx.model.projectConfig(uri);
  const releaseFrom: HostStatusResult['releaseFrom'] = project?.config?.release !== undefined ? { kind: 'project', uri: project.uri } : editor.release !== DEFAULT_SETTINGS.release ? { kind: 'setting' } : { kind: 'default' };
  const files: { uri: string; kind: FileKind }[] = [
    ...host.interfaces.map((i) => ({ uri: i.uri, kind: 'hostname' as const })),
    ...(host.hosts && host.hosts.uri.startsWith(`${rootUri}/`) ? [{ uri: host.hosts.uri, kind: 'hosts' as const }] : []),
    ...(host.netmasks ? [{ uri: host.netmasks.uri, kind: 'netmasks' as const }] : []),
    ...(host.mpathd ? [{ uri: host.mpathd.uri, kind: 'mpathd' as const }] : []),
  ];
  const problems = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const file of files) {
    for (const d of (await checkFileOnDisk(ctx, file.uri, file.kind))?.diagnostics ?? []) {
      if (d.severity === DiagnosticSeverity.Error) problems.errors++;
      else if (d.severity === DiagnosticSeverity.Warning) problems.warnings++;
      else if (d.severity === DiagnosticSeverity.Information) problems.infos++;
      else problems.hints++;
    }
  }
  const hosts = host.hosts;
  return {
    rootUri,
    label: ctx.folders.label(rootUri) ?? hostLabel(rootUri),
    hostsFile: hosts ? { uri: hosts.uri, label: ctx.folders.label(hosts.uri) ?? hosts.label, fallback: !hosts.uri.startsWith(`${rootUri}/`) } : null,
    release: settings.release,
    releaseLabel: RELEASE_LABELS[settings.release],
    releaseFrom,
    files: files.length,
    problems,
  };
}

export function checkAllHosts(ctx: ServerContext, params: CheckAllHostsParams | undefined, token: CancellationToken): Promise<CheckAllHostsResult> {
  const progress = params?.workDoneToken !== undefined ? ctx.connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
  return ctx.workspaceCheck.run(token, progress);
}
