import { readdirSync, readFileSync, readlinkSync } from "node:fs";

// Linux /proc readings of the app process, for the leak checks. The app is found as the one
// process among this script's descendants that holds the LISTEN socket of its port (inode in
// /proc/net/tcp*): whatever starts it, that is the process serving the requests.

const MCP_CHILD = /server-everything|fault-server/;

interface TcpSocket {
  localPort: number;
  remotePort: number;
  /** The kernel's hex state: 01 ESTABLISHED, 08 CLOSE_WAIT, 0A LISTEN, … */
  state: string;
}

export interface AppSnapshot {
  /** Every fd of the app that is a socket (TCP, and the Unix socketpairs of stdio MCP children). */
  sockets: number;
  /** The app's TCP sockets by role, matched by inode against the TCP tables. */
  tcp: {
    total: number;
    listen: number;
    fromClients: number;
    toUpstream: number;
    other: number;
    closeWait: number;
  };
  /** Pids of the app's descendants running an MCP fixture (stdio server-everything, fault server). */
  mcpChildren: number[];
  rssBytes: number;
  /** Connections the scripted upstream (in this process) has open, from the app or anyone. */
  upstreamConnections: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process or fd went away between listing and reading
  }
}

/** inode → socket, from a process's view of its network namespace. */
function tcpTable(pid: number): Map<string, TcpSocket> {
  const table = new Map<string, TcpSocket>();
  for (const file of ["tcp", "tcp6"]) {
    const lines = read(`/proc/${pid}/net/${file}`)?.split("\n").slice(1) ?? [];
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [local, remote, state, inode] = [fields[1], fields[2], fields[3], fields[9]];
      if (!local || !remote || !state || !inode) continue;
      table.set(inode, {
        localPort: Number.parseInt(local.split(":")[1] ?? "", 16),
        remotePort: Number.parseInt(remote.split(":")[1] ?? "", 16),
        state,
      });
    }
  }
  return table;
}

function socketInodes(pid: number): string[] {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  return fds.flatMap((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match?.[1] ? [match[1]] : [];
    } catch {
      return [];
    }
  });
}

/** pid → ppid for every process; the comm field may hold spaces and parentheses, so cut at the last ')'. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const ppid = stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    if (ppid) map.set(Number(entry), Number(ppid));
  }
  return map;
}

export function descendants(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of byParent.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The start time in clock ticks since boot: with the pid, it tells a process from a later one reusing its pid. */
export function startTime(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

export function findListeningPid(port: number, root = process.pid): number {
  for (const pid of descendants(root)) {
    const table = tcpTable(pid);
    const listens = socketInodes(pid).some((inode) => {
      const socket = table.get(inode);
      return socket?.state === "0A" && socket.localPort === port;
    });
    if (listens) return pid;
  }
  throw new Error(`no process under pid ${root} listens on port ${port}`);
}

export function snapshotApp(appPid: number, appPort: number, upstreamPort: number): AppSnapshot {
  const inodes = socketInodes(appPid);
  const table = tcpTable(appPid);
  const tcp = { total: 0, listen: 0, fromClients: 0, toUpstream: 0, other: 0, closeWait: 0 };
  for (const inode of inodes) {
    const socket = table.get(inode);
    if (!socket) continue;
    tcp.total++;
    if (socket.state === "08") tcp.closeWait++;
    if (socket.state === "0A") tcp.listen++;
    else if (socket.localPort === appPort) tcp.fromClients++;
    else if (socket.remotePort === upstreamPort) tcp.toUpstream++;
    else tcp.other++;
  }
  const mcpChildren = descendants(appPid).filter((pid) =>
    MCP_CHILD.test(read(`/proc/${pid}/cmdline`)?.replaceAll("\0", " ") ?? ""),
  );
  const rssKb = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${appPid}/status`) ?? "")?.[1];
  const own = tcpTable(process.pid);
  const upstreamConnections = socketInodes(process.pid).filter((inode) => {
    const socket = own.get(inode);
    return socket !== undefined && socket.state !== "0A" && socket.localPort === upstreamPort;
  }).length;
  return {
    sockets: inodes.length,
    tcp,
    mcpChildren: mcpChildren.sort((a, b) => a - b),
    rssBytes: Number(rssKb ?? 0) * 1024,
    upstreamConnections,
  };
}
