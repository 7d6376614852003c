import { z } from "zod";
import { contextName } from "./cluster";

/** A Kubernetes object name (RFC 1123 subdomain). */
export const k8sName = z
  .string()
  .min(1, "must not be empty")
  .max(253, "must be at most 253 characters")
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    "must be a Kubernetes name: lower-case letters, digits, '-' and '.'",
  );

/** A namespace or container name (RFC 1123 label). */
export const k8sLabel = z
  .string()
  .min(1, "must not be empty")
  .max(63, "must be at most 63 characters")
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "must be a DNS label: lower-case letters, digits and '-'",
  );

export const debugModes = ["node", "pod-network", "attach"] as const;
export type DebugMode = (typeof debugModes)[number];

export const launchRequest = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("node"),
    node: k8sName,
    ttlSeconds: z.number().int().positive().optional(),
    context: contextName.optional(),
  }),
  z.object({
    mode: z.literal("pod-network"),
    node: k8sName,
    ttlSeconds: z.number().int().positive().optional(),
    context: contextName.optional(),
  }),
  z.object({
    mode: z.literal("attach"),
    target: z.object({ namespace: k8sLabel, pod: k8sName, container: k8sLabel.optional() }),
    ttlSeconds: z.number().int().positive().optional(),
    context: contextName.optional(),
  }),
]);
export type LaunchRequest = z.infer<typeof launchRequest>;

export type DebugPodPhase =
  "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown" | "Terminating";

export type DebugPod = {
  /** `namespace/pod/container`: what diagnostics exec into. */
  id: string;
  namespace: string;
  pod: string;
  container: string;
  mode: DebugMode;
  node: string;
  image: string;
  phase: DebugPodPhase;
  ready: boolean;
  /** Why it is not running, in words (ImagePullBackOff and the event's message, Unschedulable, node NotReady). */
  reason: string | null;
  podIP: string | null;
  creator: string;
  createdAt: string;
  expiresAt: string;
};

export const debugPodRef = z.object({ namespace: k8sLabel, pod: k8sName, container: k8sLabel });
