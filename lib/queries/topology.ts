import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/lib/fetch-json";
import type { Topology, TopologyQuery } from "@/lib/schemas/topology";

export const topologyQueryOptions = (q: TopologyQuery) =>
  queryOptions({
    queryKey: ["topology", q],
    queryFn: () => fetchJson<Topology>(apiUrl("/api/topology", q)),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });
