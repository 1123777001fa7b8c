"use client";
import { useEffect, useState } from "react";

const EVENT = "eportfolio:announce";

/** Asks the page's announcer to say (and show) a message: for outcomes whose form has gone. */
export function announce(message: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

/**
 * One live region for the page. A form that removes itself when it succeeds (the last item of a
 * queue, a unit once countersigned) hands its confirmation here, so screen readers still hear it.
 */
export function Announcer() {
  const [message, setMessage] = useState("");
  useEffect(() => {
    const listener = (event: Event) => setMessage((event as CustomEvent<string>).detail);
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, []);
  return (
    <p
      role="status"
      aria-label="Latest outcome"
      className={message ? "mb-4 rounded border-l-4 border-green-800 bg-green-50 p-2 text-green-900" : "sr-only"}
    >
      {message}
    </p>
  );
}
