/**
 * Previews follow the files: the client is told which hosts changed (`*` for every host) and
 * asks again for those. One notice per host per turn of the event loop, however many changes
 * came in it.
 */
export class HostChangeNotices {
  private readonly changedRoots = new Set<string>();
  private scheduled = false;

  constructor(private readonly notify: (rootUri: string) => void) {}

  changed(rootUri: string): void {
    this.changedRoots.add(rootUri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const roots = this.changedRoots.has('*') ? ['*'] : [...this.changedRoots];
      this.changedRoots.clear();
      for (const root of roots) this.notify(root);
    });
  }
}
