/**
 * The `wq_session` cookie that carries a browser session's token (api/auth/browser-sessions.ts):
 * HttpOnly so the page's scripts cannot read it, SameSite=Strict so no other site's page makes the
 * browser send it, Path=/ for the portal and the API alike, and Secure when the request came over
 * HTTPS (`req.secure`: behind a TLS-terminating proxy that needs Express's `trust proxy`).
 */
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'wq_session';

/** The session token the request's Cookie header carries, if any. */
export function sessionTokenOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

function attributes(req: Request, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'strict', path: '/', maxAge: maxAgeSeconds, ...(req.secure ? { secure: true } : {}) } as const;
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, token, attributes(req, maxAgeSeconds)));
}

/** Tells the browser to drop the cookie (logout, or a session the server no longer knows). */
export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', attributes(req, 0)));
}
