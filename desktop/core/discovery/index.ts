import { BUILTIN_APPS } from '../../../shared/catalog/apps.ts';
import { DESKTOP_SIGNATURES, matchPort, matchProcess, type DesktopSignature } from '../../../shared/catalog/desktop.ts';
import type { AgentApp } from '../../../shared/contracts/heartbeat.ts';
import {
  defaultLinuxRoots,
  execProgram,
  installed,
  listDesktopEntries,
  listeningPorts,
  listProcesses,
  onPath,
  socketOwners,
  type LinuxRoots,
} from './linux.ts';

/** One AI app, CLI or local server found on the machine. */
export interface Discovered {
  app: string;
  kind: DesktopSignature['kind'];
  running: boolean;
  /** Why it counts (`process 1234 aider`, `PATH /usr/bin/ollama`, `port 11434`), for the log and status. */
  evidence: string[];
  /** Running processes (and ports) that made it count as running. */
  pids: number[];
  ports: number[];
}

/**
 * Scans this Linux machine for AI software: running processes (apps and CLIs by name, interpreted
 * scripts included), local model servers by listening port (see `matchPort`), installed apps by
 * `.desktop` entry (id, `StartupWMClass`, `Exec`) and install folder, CLIs on `PATH`.
 * macOS and Windows discovery run in the tray app (see docs/desktop.md).
 */
export function discoverLinux(
  roots: LinuxRoots = defaultLinuxRoots(),
  signatures: readonly DesktopSignature[] = DESKTOP_SIGNATURES,
): Discovered[] {
  const found = new Map<string, Discovered>();
  const hit = (s: DesktopSignature, running: boolean, evidence: string, pid?: number, port?: number): void => {
    const key = `${s.app}/${s.kind}`;
    let d = found.get(key);
    if (!d) found.set(key, (d = { app: s.app, kind: s.kind, running: false, evidence: [], pids: [], ports: [] }));
    d.running ||= running;
    if (d.evidence.length < 8) d.evidence.push(evidence);
    if (pid !== undefined && !d.pids.includes(pid)) d.pids.push(pid);
    if (port !== undefined && !d.ports.includes(port)) d.ports.push(port);
  };

  const processes = listProcesses(roots.proc);
  for (const p of processes) {
    if (p.pid === process.pid) continue;
    for (const s of matchProcess(p, signatures)) hit(s, true, `process ${p.pid} ${p.comm ?? p.argv?.[0] ?? ''}`, p.pid);
  }

  const servers = signatures.filter((s) => s.kind === 'server');
  const serverPorts = new Set(servers.flatMap((s) => s.ports ?? []));
  const candidates = listeningPorts(roots.proc).filter((l) => serverPorts.has(l.port));
  const owners = socketOwners(roots.proc, new Set(candidates.map((c) => c.inode)), processes);
  for (const c of candidates) {
    const owner = owners.get(c.inode);
    const s = matchPort(c.port, owner, servers);
    if (s) hit(s, true, `port ${c.port}${owner ? ` (process ${owner.pid} ${owner.comm ?? ''})` : ''}`, owner?.pid, c.port);
  }

  const entries = listDesktopEntries(roots.dataDirs);
  for (const s of signatures) {
    if (s.kind === 'app') {
      const lowerClasses = (s.windowClasses ?? []).map((c) => c.toLowerCase());
      const e = entries.find(
        (x) =>
          s.desktopEntries?.includes(x.id) ||
          (x.wmClass !== undefined && lowerClasses.includes(x.wmClass.toLowerCase())) ||
          (x.exec !== undefined && s.processNames?.includes(execProgram(x.exec)?.split('/').pop() ?? '')),
      );
      if (e) hit(s, false, `desktop entry ${e.id}`);
    }
    for (const p of s.installPaths?.linux ?? []) if (installed(p, roots)) hit(s, false, `installed at ${p}`);
    if (s.kind === 'cli') {
      for (const c of s.commands ?? []) {
        const where = onPath(c, roots.path);
        if (where) hit(s, false, `PATH ${where}`);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.app.localeCompare(b.app) || a.kind.localeCompare(b.kind));
}

/** For the heartbeat: catalog apps only, at most 512. */
export function toAgentApps(found: readonly Discovered[]): AgentApp[] {
  const known = new Set(BUILTIN_APPS.map((a) => a.id));
  return found
    .filter((d) => known.has(d.app))
    .slice(0, 512)
    .map((d) => ({ id: d.app, kind: d.kind, running: d.running }));
}
