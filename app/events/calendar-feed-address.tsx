import { useEffect, useRef, useState } from "react";
import { subscriptionTexts as text } from "./calendar-texts";

/**
 * The subscription address, right after it was made: the only time it can be shown, because
 * only its hash is kept. Focus moves here so keyboard and screen-reader users find it.
 */
export function FeedAddress({ url }: { url: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");
  // The copy button needs JavaScript: it appears once the page is hydrated.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => heading.current?.focus(), [url]);

  // The clipboard API needs a secure context; elsewhere the address is selected for Ctrl+C.
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(text.copied);
    } catch {
      input.current?.focus();
      setStatus(text.selected);
    }
  };

  return (
    <section aria-labelledby="abo-adresse" className="card stack feed-address">
      <h2 id="abo-adresse" ref={heading} tabIndex={-1}>
        {text.createdHeading}
      </h2>
      <div className="field">
        <label htmlFor="abo-url">{text.urlLabel}</label>
        <input
          ref={input}
          id="abo-url"
          type="text"
          readOnly
          value={url}
          aria-describedby="abo-url-hinweis"
          onFocus={(event) => event.currentTarget.select()}
        />
        <p className="field__hint" id="abo-url-hinweis">
          {text.shownOnce}
        </p>
      </div>
      {hydrated ? (
        <p className="actions">
          <button type="button" className="button button--secondary" onClick={copy}>
            {text.copy}
          </button>
          <span role="status">{status}</span>
        </p>
      ) : null}
      <p className="note">{text.personalWarning}</p>
    </section>
  );
}
