import { isServer, QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "@/lib/fetch-json";

function make(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // An answer that says what is wrong (4xx, or a cluster the server cannot use) is not retried.
        retry: (count, err) => !(err instanceof ApiRequestError) && count < 2,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A new client per server request, one in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return make();
  return (browserClient ??= make());
}
