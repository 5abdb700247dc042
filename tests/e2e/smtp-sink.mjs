// A mail sink for the browser tests: a minimal SMTP server on loopback (a kernel-chosen port) that
// accepts every message and keeps it decoded — recipient, subject (RFC 2047 base64 words), body
// (base64 as jamlik writes it, or plain) — so a test can wait for a mail and read its link. It
// offers no STARTTLS and no authentication, so the client speaks plain SMTP to it.
import { createServer } from 'node:net';

function decodeWords(text) {
  return text.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

// The header fields (unfolded) and the decoded body of one message.
export function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  // Undo SMTP's dot-stuffing.
  const content = rawBody.split('\r\n').map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n');
  const base64 = /base64/i.test(headers['content-transfer-encoding'] ?? '');
  const body = base64 ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8') : content;
  return { headers, subject: decodeWords(headers.subject ?? ''), body };
}

export async function startSmtpSink() {
  const mails = [];
  const waiters = [];
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: [] };
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = Buffer.from(buffer.slice(0, end + 2), 'latin1').toString('utf8');
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push({ ...envelope, ...parseMessage(raw) });
          envelope = { from: '', to: [] };
          say('250 OK queued');
          for (const waiter of [...waiters]) waiter();
          continue;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 sink');
        else if (verb === 'MAIL') {
          envelope.from = line.slice(line.indexOf(':') + 1).trim().replace(/^<|>$/g, '');
          say('250 OK');
        } else if (verb === 'RCPT') {
          envelope.to.push(line.slice(line.indexOf(':') + 1).trim().replace(/^<|>$/g, ''));
          say('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 go ahead');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
          return;
        } else say('250 OK');
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    // The first mail (arrived or arriving) that matches, within `timeoutMs`.
    waitFor(matches, timeoutMs = 20000, label = 'a mail') {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = mails.find(matches);
          if (!found) return false;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(look), 1);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(look), 1);
          reject(new Error(`${label} did not arrive within ${timeoutMs / 1000} s; received: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`));
        }, timeoutMs);
        waiters.push(look);
        look();
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
