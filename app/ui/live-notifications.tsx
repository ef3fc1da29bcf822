import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useLiveEvent } from "./live-connection";
import type { LiveNotification } from "~/realtime/hub.server";

interface Toast {
  id: string;
  message: string;
  link: string | null;
}

/**
 * Shows the flash message of the last action and notifications pushed over socket.io
 * (through the page's LiveConnectionProvider).
 * One polite live region, so screen readers announce each new toast once.
 */
export function Toasts({ flash }: { flash: { id: string; message: string } | null }) {
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    if (flash)
      setToasts((current) => [
        ...current,
        { id: `flash-${flash.id}`, message: flash.message, link: null },
      ]);
  }, [flash?.id, flash?.message]); // eslint-disable-line react-hooks/exhaustive-deps

  useLiveEvent("notification", (notification: LiveNotification) => {
    setToasts((current) => [...current.slice(-2), notification]);
  });

  const dismiss = (id: string) =>
    setToasts((current) => current.filter((toast) => toast.id !== id));

  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div className="toast" key={toast.id}>
          <p>{toast.link ? <Link to={toast.link}>{toast.message}</Link> : toast.message}</p>
          <button type="button" className="button button--quiet" onClick={() => dismiss(toast.id)}>
            Schließen<span className="visually-hidden">: {toast.message}</span>
          </button>
        </div>
      ))}
    </div>
  );
}
