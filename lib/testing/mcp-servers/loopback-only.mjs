// Preloaded (`node --import`) into third-party test servers that listen on every interface by
// default (server-everything's `app.listen(PORT)`): binds them to loopback only.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || typeof args[0] === "string") {
    const [port, ...rest] = args;
    const host = typeof rest[0] === "string" ? rest.shift() : "127.0.0.1";
    return listen.call(this, port, host, ...rest);
  }
  if (args[0] && typeof args[0] === "object" && !args[0].host && !args[0].path) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};
