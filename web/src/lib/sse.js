// Server-sent events read with fetch (so the bearer token goes in the Authorization header, which EventSource
// cannot send), resumed from the last event id after a cut, with a growing pause between attempts.
import { token, toSignIn } from "./auth.js";

function parseBlock(block) {
  const message = { event: "message", data: [], id: null };
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue; // a comment: the server's heartbeat
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") message.event = value;
    else if (field === "data") message.data.push(value);
    else if (field === "id") message.id = value;
  }
  return message.data.length ? { ...message, data: message.data.join("\n") } : (message.id ? message : null);
}

// Calls onMessage({event, data, id}) for every event of `url` until stop() is called; onState("open"|"retrying").
export function subscribe(url, onMessage, onState = () => {}) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let pause = 1000;

  async function once() {
    controller = new AbortController();
    const headers = { Accept: "text/event-stream", Authorization: `Bearer ${token()}` };
    if (lastId) headers["Last-Event-ID"] = lastId;
    const response = await fetch(url, { headers, signal: controller.signal, cache: "no-store" });
    if (response.status === 401) {
      toSignIn();
      stopped = true;
      return;
    }
    if (!response.ok || !response.body) throw new Error(`实时数据连接失败 (${response.status})`);
    onState("open");
    pause = 1000;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!message) continue;
        if (message.id) lastId = message.id;
        if (message.data !== undefined && message.data.length) onMessage(message);
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await once();
      } catch (error) {
        if (stopped) return;
        console.warn(error.message);
      }
      if (stopped) return;
      onState("retrying");
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 30_000);
    }
  })();
  return { stop() { stopped = true; controller?.abort(); } };
}
