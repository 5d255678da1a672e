/**
 * "New IPMP Group…": quick-pick steps — the host and its NICs, the layout (§3.7), the group
 * name, the data and test addresses, a preview — whose answers the server turns into one
 * workspace edit (solarisIpmp/newGroupEdit): hostname files, hosts entries, a netmasks entry.
 * It is applied as one edit (one undo step) and the files it wrote are saved. Escape at any
 * step writes nothing. Answers given as the command's argument skip their steps (tests, scripts).
 */
import * as vscode from 'vscode';
import {
  LAYOUT_DESCRIPTIONS,
  LAYOUT_LABELS,
  NEW_GROUP_COMMAND as SERVER_NEW_GROUP_COMMAND,
  NEW_GROUP_EDIT_REQUEST,
  NEW_GROUP_LAYOUTS,
  NEW_GROUP_PLAN_REQUEST,
  groupNameProblem,
  nicNameProblem,
  parseSubnet,
  type NamedAddress,
  type NewGroupAnswers,
  type NewGroupEditParams,
  type NewGroupEditResult,
  type NewGroupLayout,
  type NewGroupPlan,
  type NewGroupPlanParams,
} from '../../server/src/features/newGroupAnswers';
import { workspaceHosts } from './liveCapture';

/** The command (package.json); the server's code action names the same one. */
export const NEW_GROUP_COMMAND = 'solarisIpmp.newGroup' satisfies typeof SERVER_NEW_GROUP_COMMAND;

interface Requester {
  request(method: string, params: unknown): Promise<unknown>;
}

/** The command's argument: a file of the host, or this. */
export interface NewGroupArgs {
  /** A file of the host; by default the active editor's, else the user picks a host. */
  readonly uri?: string;
  /** The NIC to start from (the code action's). */
  readonly nic?: string;
  /** Answers given beforehand: their steps are not shown. */
  readonly answers?: Partial<NewGroupAnswers>;
  /** Take the proposed addresses without showing the addresses step. */
  readonly acceptProposals?: boolean;
  /** Write without showing the preview. */
  readonly apply?: boolean;
  /** Called each time a step shows (tests drive the steps with the quick input commands). */
  readonly onStep?: (shown: ShownStep) => void;
}

/**
 * A step as shown: its title (with the step counter), and its items or value; tests choose
 * items or set the value through it, then accept with the quick input's own command.
 */
export interface ShownStep {
  readonly title: string;
  readonly items?: readonly string[];
  readonly value?: string;
  /** A pick: check (many) or make active (one) the items with these labels. */
  readonly choose?: (labels: readonly string[]) => void;
  /** An input box: replace its value. */
  readonly setValue?: (value: string) => void;
}

/** What the command did (returned to the caller, for tests). */
export interface NewGroupOutcome {
  readonly answers: NewGroupAnswers;
  /** The files written, as the server named them. */
  readonly files: readonly string[];
  /** Errors and warnings the server said would remain. */
  readonly problems: readonly string[];
}

const STEPS = 5;
type Flow = 'back' | 'cancel';
type Step = 'host' | 'nics' | 'layout' | 'group' | 'addresses' | 'preview';
const ORDER: readonly Step[] = ['host', 'nics', 'layout', 'group', 'addresses', 'preview'];
const STEP_NUMBER: Record<Step, number> = { host: 1, nics: 1, layout: 2, group: 3, addresses: 4, preview: 5 };

export async function newGroup(server: Requester, arg?: vscode.Uri | string | NewGroupArgs): Promise<NewGroupOutcome | undefined> {
  const args: NewGroupArgs = typeof arg === 'string' ? { uri: arg } : arg instanceof vscode.Uri ? { uri: arg.toString() } : (arg ?? {});
  const wizard = new NewGroupWizard(server, args);
  try {
    return await wizard.run();
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    void vscode.window.showErrorMessage(`Solaris IPMP: New IPMP Group failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

interface NicItem extends vscode.QuickPickItem {
  readonly nic?: string;
  readonly addNew?: boolean;
}

class NewGroupWizard {
  private uri: string | undefined;
  private hostChosen = false;
  /** The host step showed a pick (a workspace with one host needs none). */
  private hostShown = false;
  private plan!: NewGroupPlan;
  private readonly given: Partial<NewGroupAnswers>;
  private nics: string[] = [];
  /** NICs the user typed (no file yet). */
  private readonly typedNics: string[] = [];
  private layout: NewGroupLayout = 'active-active';
  private group = '';
  /** The user typed the group name (else it is proposed again when the NICs change). */
  private groupTyped = false;
  /** The subnet the addresses are in (proposed, or given). */
  private subnet: string | undefined;
  /** A subnet the user typed (or the arguments gave): proposals keep to it. */
  private subnetGiven: string | undefined;
  private data: NamedAddress | null = null;
  private tests: Record<string, NamedAddress> = {};
  /** The NICs, layout, group and subnet the addresses were proposed for. */
  private proposedFor = '';
  private result: NewGroupEditResult | undefined;

  constructor(
    private readonly server: Requester,
    private readonly args: NewGroupArgs,
  ) {
    this.given = args.answers ?? {};
    this.subnetGiven = this.given.subnet;
    this.uri = args.uri ?? activeHostFile();
  }

  async run(): Promise<NewGroupOutcome | undefined> {
    const shown: Step[] = [];
    for (let i = 0; i < ORDER.length; ) {
      const step = ORDER[i]!;
      if (this.skips(step)) {
        await this.prepare(step);
        i++;
        continue;
      }
      const flow = await this.show(step, shown.length > 0);
      if (flow === 'cancel') return undefined;
      if (flow === 'back') {
        const previous = shown.pop();
        if (!previous) return undefined;
        i = ORDER.indexOf(previous);
        continue;
      }
      if (step !== 'host' || this.hostShown) shown.push(step);
      i++;
    }
    return this.apply();
  }

  private skips(step: Step): boolean {
    switch (step) {
      case 'host':
        return this.uri !== undefined && !this.hostChosen;
      case 'nics':
        return this.given.nics !== undefined;
      case 'layout':
        return this.given.layout !== undefined;
      case 'group':
        return this.given.group !== undefined;
      case 'addresses':
        return this.args.acceptProposals === true || (this.given.data !== undefined && (!isProbeBased(this.layout) || this.given.tests !== undefined));
      case 'preview':
        return this.args.apply === true;
    }
  }

  /** What a step needs before it shows, and what a skipped step must still do. */
  private async prepare(step: Step): Promise<void> {
    switch (step) {
      case 'host':
        if (!(await this.loadPlan())) throw new Cancelled();
        break;
      case 'nics':
        this.nics = [...(this.given.nics ?? this.plan.proposal.nics)];
        break;
      case 'layout':
        this.layout = this.given.layout ?? this.layout;
        break;
      case 'group':
        if (this.given.group !== undefined) this.group = this.given.group;
        else if (!this.group) {
          // Proposed for the NICs chosen: the group already on their subnet, or a new name.
          const plan = await this.requestPlan({ nics: this.nics });
          this.group = plan.proposal.group;
          this.plan = { ...this.plan, subnet: plan.subnet, notes: plan.notes };
        }
        break;
      case 'addresses':
        await this.propose();
        break;
      case 'preview':
        if (!(await this.check())) throw new Error(this.result?.errors.join(' ') ?? 'the answers were refused');
        break;
    }
  }

  private async show(step: Step, back: boolean): Promise<'next' | Flow> {
    switch (step) {
      case 'host':
        return this.hostStep();
      case 'nics':
        return this.nicsStep(back);
      case 'layout':
        return this.layoutStep(back);
      case 'group':
        await this.prepare('group');
        return this.groupStep(back);
      case 'addresses':
        await this.propose();
        return this.addressesStep(back);
      case 'preview':
        return this.previewStep(back);
    }
  }

  private title(step: Step): string {
    const host = this.plan ? ` — ${this.plan.label}` : '';
    return `New IPMP Group${host} (${STEP_NUMBER[step]}/${STEPS})`;
  }

  // ---------------------------------------------------------------- plan and edit requests

  private async requestPlan(asked: Omit<NewGroupPlanParams, 'uri'>): Promise<NewGroupPlan> {
    const plan = (await this.server.request(NEW_GROUP_PLAN_REQUEST, { uri: this.uri!, nic: this.args.nic, ...asked } satisfies NewGroupPlanParams)) as NewGroupPlan | null;
    if (!plan) throw new Error('this file belongs to no Solaris host');
    return plan;
  }

  /** The host's plan; false (with the reason shown) when no group can be made here. */
  private async loadPlan(): Promise<boolean> {
    if (!this.uri) {
      void vscode.window.showWarningMessage('Solaris IPMP: no host with an etc/hostname.<if> file in this workspace to make an IPMP group for.');
      return false;
    }
    const plan = (await this.server.request(NEW_GROUP_PLAN_REQUEST, { uri: this.uri, nic: this.args.nic } satisfies NewGroupPlanParams)) as NewGroupPlan | null;
    if (!plan) {
      void vscode.window.showInformationMessage('This file belongs to no Solaris host: there is no IPMP group to make.');
      return false;
    }
    if (plan.refused) {
      void vscode.window.showWarningMessage(`Solaris IPMP: ${plan.refused}`);
      return false;
    }
    this.plan = plan;
    return true;
  }

  /** Proposed addresses for the NICs, layout, group and subnet chosen (kept while those stay the same). */
  private async propose(): Promise<void> {
    const key = JSON.stringify([this.nics, this.layout, this.group, this.subnetGiven ?? null]);
    if (key === this.proposedFor) return;
    const plan = await this.requestPlan({ nics: this.nics, layout: this.layout, group: this.group, subnet: this.subnetGiven });
    const proposal = plan.proposal;
    // The planner puts the NIC that has the data address first: that order is the group's.
    this.nics = [...proposal.nics];
    this.subnet = this.subnetGiven ?? proposal.subnet;
    this.data = this.given.data !== undefined ? this.given.data : (proposal.data ?? null);
    this.tests = { ...(proposal.tests ?? {}), ...(this.given.tests ?? {}) };
    this.plan = { ...this.plan, subnet: plan.subnet, notes: plan.notes };
    this.proposedFor = JSON.stringify([this.nics, this.layout, this.group, this.subnetGiven ?? null]);
  }

  private answers(): NewGroupAnswers {
    const tests = isProbeBased(this.layout) ? Object.fromEntries(this.nics.flatMap((n) => (this.tests[n] ? [[n, this.tests[n]!]] : []))) : {};
    return { nics: this.nics, layout: this.layout, group: this.group, subnet: this.subnet, data: this.data, tests };
  }

  /** Asks the server for the edit; true when it has one. */
  private async check(): Promise<boolean> {
    const params: NewGroupEditParams = { uri: this.uri!, answers: this.answers() };
    const result = (await this.server.request(NEW_GROUP_EDIT_REQUEST, params)) as NewGroupEditResult | null;
    this.result = result ?? undefined;
    return !!this.result && this.result.errors.length === 0 && !!this.result.edit;
  }

  // ---------------------------------------------------------------- the steps

  private async hostStep(): Promise<'next' | Flow> {
    const hosts = [...(await workspaceHosts()).values()];
    if (hosts.length === 0) {
      void vscode.window.showWarningMessage('Solaris IPMP: no host with an etc/hostname.<if> file in this workspace to make an IPMP group for.');
      return 'cancel';
    }
    const items = hosts.map((h) => ({ label: vscode.workspace.asRelativePath(h.folder), uri: h.file.toString() })).sort((a, b) => a.label.localeCompare(b.label));
    this.hostShown = items.length > 1;
    const picked = items.length === 1 ? items : await pick({ onShow: this.args.onStep, title: this.title('host'), placeholder: 'The host the group is for', items, back: false });
    if (picked === 'back' || picked === 'cancel') return picked;
    this.uri = picked[0]!.uri;
    this.hostChosen = true;
    // Another host: nothing chosen for the last one carries over.
    this.nics = [];
    this.typedNics.length = 0;
    this.group = '';
    this.subnetGiven = this.given.subnet;
    this.proposedFor = '';
    return (await this.loadPlan()) ? 'next' : 'cancel';
  }

  private async nicsStep(back: boolean): Promise<'next' | Flow> {
    if (this.nics.length === 0) this.nics = [...(this.given.nics ?? this.plan.proposal.nics)];
    for (;;) {
      const known = this.plan.nics.filter((n) => !n.dhcp);
      const items: NicItem[] = [
        ...known.map((n) => ({
          label: n.name,
          nic: n.name,
          description: n.group ? `in group ${n.group}${n.standby ? ', standby' : ''}` : n.addresses.length ? n.addresses.map((a) => `${a.word ?? a.address}${a.test ? ' (test)' : ''}`).join(', ') : 'no address',
          detail: `${n.files.join(', ')}${n.group ? ' — its files are replaced' : ''}`,
        })),
        ...this.typedNics.map((nic) => ({ label: nic, nic, description: 'new interface', detail: `hostname.${nic} will be created` })),
        { label: '$(add) New interface…', addNew: true, alwaysShow: true, description: 'a NIC with no hostname file yet (driver and instance: e1000g2)' },
      ];
      const picked = await pick<NicItem>({
        onShow: this.args.onStep,
        title: this.title('nics'),
        placeholder: 'The NICs of the group (at least two); the one with the data address keeps it',
        items,
        many: true,
        selected: (item) => item.nic !== undefined && this.nics.includes(item.nic),
        back,
        validate: (chosen) => (chosen.some((c) => c.addNew) || chosen.length >= 2 ? undefined : 'Choose at least two NICs: a group fails over between them.'),
      });
      if (picked === 'back' || picked === 'cancel') return picked;
      this.nics = picked.flatMap((p) => (p.nic ? [p.nic] : []));
      if (!picked.some((p) => p.addNew)) break;
      const name = await input({
        onShow: this.args.onStep,
        title: this.title('nics'),
        prompt: 'The new interface: driver name and instance number (§1.2)',
        placeholder: 'e1000g2',
        value: '',
        back: true,
        validate: (v) => (this.plan.nics.some((n) => n.name === v) || this.typedNics.includes(v) ? `${v} is in the list already.` : nicNameProblem(v.trim())),
      });
      if (name === 'cancel') return 'cancel';
      if (name !== 'back') {
        this.typedNics.push(name.trim());
        this.nics.push(name.trim());
      }
    }
    this.proposedFor = '';
    if (!this.groupTyped) this.group = '';
    return 'next';
  }

  private async layoutStep(back: boolean): Promise<'next' | Flow> {
    const items = NEW_GROUP_LAYOUTS.map((layout) => ({ label: LAYOUT_LABELS[layout], description: LAYOUT_DESCRIPTIONS[layout], layout }));
    const picked = await pick({ onShow: this.args.onStep, title: this.title('layout'), placeholder: 'How the group finds failures and which NIC stands by (§3.7)', items, active: items.find((i) => i.layout === this.layout), back });
    if (picked === 'back' || picked === 'cancel') return picked;
    this.layout = picked[0]!.layout;
    return 'next';
  }

  private async groupStep(back: boolean): Promise<'next' | Flow> {
    const note = this.plan.notes.find((n) => /^Group /.test(n));
    const value = await input({
      onShow: this.args.onStep,
      title: this.title('group'),
      prompt: note ?? `The group name (at most 31 characters, no blanks)${this.plan.groups.length ? `; groups of this host: ${this.plan.groups.join(', ')}` : ''}`,
      value: this.group,
      back,
      validate: (v) => groupNameProblem(v),
    });
    if (value === 'back' || value === 'cancel') return value;
    this.groupTyped ||= value !== this.group;
    this.group = value;
    return 'next';
  }

  private async addressesStep(back: boolean): Promise<'next' | Flow> {
    let errors: readonly string[] = [];
    for (;;) {
      type Item = vscode.QuickPickItem & { readonly action?: 'accept' | 'subnet' | 'data' | 'test'; readonly nic?: string };
      const subnet = this.plan.subnet;
      const items: Item[] = [
        { label: '$(check) Use these addresses', action: 'accept', description: 'next: the preview' },
        ...errors.map((e) => ({ label: `$(error) ${e}` })),
        { label: 'Subnet', kind: vscode.QuickPickItemKind.Separator },
        {
          label: this.subnet ?? '(none)',
          action: 'subnet',
          description: subnet && subnet.cidr === this.subnet ? `${subnet.from}${subnet.inNetmasks ? '' : '; a netmasks entry is added'}` : 'edit to change',
        },
        { label: 'Addresses (a new name or address goes into hosts)', kind: vscode.QuickPickItemKind.Separator },
        { label: `Data address: ${this.data ? `${this.data.name}  ${this.data.address}` : 'none'}`, action: 'data', description: this.layout === 'ipv6-link-local' ? 'IPv4, optional with IPv6 test addresses' : 'moves to another NIC when one fails' },
        ...(isProbeBased(this.layout)
          ? this.nics.map((nic) => ({ label: `${nic} test address: ${this.tests[nic] ? `${this.tests[nic]!.name}  ${this.tests[nic]!.address}` : 'none'}`, action: 'test' as const, nic, description: 'deprecated -failover: stays on the NIC' }))
          : []),
      ];
      const picked = await pick<Item>({ onShow: this.args.onStep, title: this.title('addresses'), placeholder: 'Accept the proposed addresses, or pick one to change it', items, back, validate: (c) => (c[0]?.action ? undefined : 'Pick an address to change it, or "Use these addresses".') });
      if (picked === 'back' || picked === 'cancel') return picked;
      const item = picked[0]!;
      if (item.action === 'accept') {
        if (await this.check()) return 'next';
        errors = this.result?.errors ?? ['The server gave no answer.'];
        continue;
      }
      errors = [];
      if (item.action === 'subnet') {
        const value = await input({
          onShow: this.args.onStep,
          title: this.title('addresses'),
          prompt: 'The subnet, as network/prefix length',
          value: this.subnet ?? '',
          back: true,
          validate: (v) => {
            const subnet = parseSubnet(v);
            return 'error' in subnet ? subnet.error : undefined;
          },
        });
        if (value === 'cancel') return 'cancel';
        if (value !== 'back' && value.trim() !== this.subnet) {
          // Addresses of the old subnet would not fit: propose again for the new one.
          this.subnetGiven = value.trim();
          await this.propose();
        }
        continue;
      }
      const current = item.action === 'data' ? this.data : this.tests[item.nic!];
      const optional = item.action === 'data' && this.layout === 'ipv6-link-local';
      const value = await input({
        onShow: this.args.onStep,
        title: this.title('addresses'),
        prompt: `${item.action === 'data' ? 'The data address' : `${item.nic}'s test address`}: a host name and its IPv4 address${optional ? ' (empty: none)' : ''}`,
        placeholder: 'web1-ce0-test 192.168.10.11',
        value: current ? `${current.name} ${current.address}` : '',
        back: true,
        validate: (v) => (optional && v.trim() === '' ? undefined : namedAddressProblem(v)),
      });
      if (value === 'cancel') return 'cancel';
      if (value === 'back') continue;
      const parsed = value.trim() === '' ? null : readNamedAddress(value);
      if (item.action === 'data') this.data = parsed;
      else if (parsed) this.tests = { ...this.tests, [item.nic!]: parsed };
    }
  }

  private async previewStep(back: boolean): Promise<'next' | Flow> {
    // Asked again: a step before may have changed since the addresses were checked.
    if (!(await this.check())) {
      void vscode.window.showErrorMessage(`Solaris IPMP: ${this.result?.errors.join(' ') ?? 'no edit'}`);
      return 'back';
    }
    const result = this.result!;
    const apply = { label: `$(check) Write group ${this.group}`, description: result.summary };
    const items: vscode.QuickPickItem[] = [
      apply,
      { label: 'Files', kind: vscode.QuickPickItemKind.Separator },
      ...result.files.map((f) => ({
        label: `${f.change === 'create' ? '$(new-file)' : f.change === 'replace' ? '$(replace-all)' : '$(add)'} ${f.label}`,
        description: f.change === 'create' ? 'new file' : f.change === 'replace' ? 'replaced' : 'lines added',
        detail: oneLine(f.text),
      })),
      ...(result.problems.length
        ? [{ label: 'The rules would still report', kind: vscode.QuickPickItemKind.Separator }, ...result.problems.map((p) => ({ label: `$(warning) ${p}` }))]
        : []),
    ];
    const picked = await pick({ onShow: this.args.onStep, title: this.title('preview'), placeholder: 'Write these files (one undo step), or go back', items, back, validate: (c) => (c[0] === apply ? undefined : `Choose "Write group ${this.group}" to write these files, or press Escape.`) });
    if (picked === 'back' || picked === 'cancel') return picked;
    return 'next';
  }

  // ---------------------------------------------------------------- apply

  private async apply(): Promise<NewGroupOutcome | undefined> {
    if (!this.result?.edit) await this.prepare('preview');
    const result = this.result!;
    const edit = new vscode.WorkspaceEdit();
    const targets = new Map<string, vscode.Uri>();
    for (const change of result.edit!.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind === 'create') edit.createFile(vscode.Uri.parse(change.uri), { overwrite: change.options?.overwrite ?? false, ignoreIfExists: change.options?.ignoreIfExists ?? false });
        continue;
      }
      const uri = vscode.Uri.parse(change.textDocument.uri);
      targets.set(uri.fsPath, uri);
      for (const e of change.edits) {
        const text = 'newText' in e ? e.newText : '';
        edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), text);
      }
    }
    // Files with unsaved changes of the user's are left unsaved; the others are written.
    const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.fsPath));
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Solaris IPMP: the editor refused the edit (a file changed meanwhile?): nothing was written.');
      return undefined;
    }
    for (const doc of vscode.workspace.textDocuments) {
      if (targets.has(doc.uri.fsPath) && doc.isDirty && !dirtyBefore.has(doc.uri.fsPath)) await doc.save();
    }
    const first = result.files.find((f) => /^hostname6?\./.test(f.label));
    if (first) await vscode.window.showTextDocument(vscode.Uri.parse(first.uri), { preview: false });
    const names = result.files.map((f) => f.label).join(', ');
    const left = result.problems.length ? ` ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} remain: see the Problems view.` : '';
    void vscode.window.showInformationMessage(`Solaris IPMP: group ${this.group} written (${names}); Undo takes it back.${left}`);
    return { answers: this.answers(), files: result.files.map((f) => f.uri), problems: result.problems };
  }
}

/** Thrown by a skipped step that cannot go on (its reason already shown). */
class Cancelled extends Error {}

function isProbeBased(layout: NewGroupLayout): boolean {
  return layout === 'active-active' || layout === 'active-standby';
}

/** The active editor's file when it is one of ours on disk. */
function activeHostFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId.startsWith('solaris-') && doc.uri.scheme === 'file' ? doc.uri.toString() : undefined;
}

function namedAddressProblem(text: string): string | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(text);
  if (!m) return 'Write a host name and its IPv4 address: web1-ce0-test 192.168.10.11';
  if (!/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(m[2]!) || m[2]!.split('.').some((p) => Number(p) > 255)) return `${m[2]} is not an IPv4 address (a.b.c.d).`;
  return undefined;
}

function readNamedAddress(text: string): NamedAddress {
  const [name = '', address = ''] = text.trim().split(/\s+/);
  return { name, address };
}

/** A file's text on one line, for a quick-pick detail. */
function oneLine(text: string): string {
  const shown = text.replace(/\r/g, '').replace(/\n$/, '').split('\n').join('  ⏎  ');
  return shown.length > 200 ? `${shown.slice(0, 199)}…` : shown;
}

// ---------------------------------------------------------------- quick input helpers

interface PickOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly T[];
  readonly back: boolean;
  readonly many?: boolean;
  readonly selected?: (item: T) => boolean;
  readonly active?: T;
  /** A reason to stay on the step (shown as the placeholder), or undefined to go on. */
  readonly validate?: (chosen: readonly T[]) => string | undefined;
  readonly onShow?: (shown: ShownStep) => void;
}

/** A quick pick that resolves with the chosen items, 'back' (its Back button) or 'cancel' (Escape, or it lost its place). */
function pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<T[] | Flow> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = options.title;
    qp.placeholder = options.placeholder;
    qp.items = options.items;
    qp.canSelectMany = options.many === true;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    qp.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
    if (options.many && options.selected) qp.selectedItems = options.items.filter(options.selected);
    if (options.active) qp.activeItems = [options.active];
    let done = false;
    const finish = (value: T[] | Flow): void => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish('back');
    });
    qp.onDidAccept(() => {
      const chosen = options.many ? [...qp.selectedItems] : qp.selectedItems.length ? [...qp.selectedItems] : [...qp.activeItems];
      const problem = options.validate?.(chosen);
      if (problem) {
        qp.placeholder = problem;
        return;
      }
      finish(chosen);
    });
    qp.onDidHide(() => finish('cancel'));
    qp.show();
    options.onShow?.({
      title: options.title,
      items: options.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label),
      choose: (labels) => {
        const chosen = options.items.filter((i) => labels.includes(i.label));
        if (options.many) qp.selectedItems = chosen;
        else qp.activeItems = chosen.slice(0, 1);
      },
    });
  });
}

interface InputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  readonly placeholder?: string;
  readonly back: boolean;
  readonly validate: (value: string) => string | undefined;
  readonly onShow?: (shown: ShownStep) => void;
}

/** An input box that resolves with its value (valid), 'back' or 'cancel'. */
function input(options: InputOptions): Promise<string | Flow> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.value = options.value;
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
    box.validationMessage = options.value ? options.validate(options.value) : undefined;
    let done = false;
    const finish = (value: string | Flow): void => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((v) => (box.validationMessage = options.validate(v)));
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish('back');
    });
    box.onDidAccept(() => {
      const problem = options.validate(box.value);
      box.validationMessage = problem;
      if (!problem) finish(box.value);
    });
    box.onDidHide(() => finish('cancel'));
    box.show();
    options.onShow?.({
      title: options.title,
      value: options.value,
      setValue: (value) => {
        box.value = value;
        box.validationMessage = options.validate(value);
      },
    });
  });
}
