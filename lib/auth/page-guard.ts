import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "@/lib/server/core/errors";

/** For pages: a server function's FORBIDDEN becomes the 403 page, NOT_FOUND the 404 page. */
export async function orPageError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}
