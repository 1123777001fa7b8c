"use client";

import { useEffect } from "react";

/**
 * Marks the page as interactive once React has hydrated it (`<html data-hydrated>`). Forms work
 * without JavaScript too, but a click before hydration posts the plain form and reloads the page
 * instead of showing the outcome in place; browser tests wait for this mark before acting.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
