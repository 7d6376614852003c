import { notFound } from "@/lib/api-error";
import { withApi } from "@/server/api";
import { audit } from "@/server/auth/audit";
import { getCapture } from "@/server/store/captures";
import { db } from "@/server/store";

export const dynamic = "force-dynamic";

/** A packet capture as a .pcap download. */
export const GET = withApi<{ params: Promise<{ id: string }> }>(
  async (_req, ctx, user) => {
    const { id } = await ctx.params;
    const capture = /^[0-9a-f]{32}$/.test(id) ? await getCapture(await db(), id) : null;
    if (!capture) throw notFound("There is no capture with this id.");
    // A capture holds whatever crossed the wire: who took a copy is recorded.
    await audit(user, "capture.download", `capture/${id}`, { target: capture.target });
    const name = `underlay-${capture.target.replace(/[^a-z0-9.-]+/gi, "_")}-${capture.createdAt.toISOString().replace(/[:.]/g, "")}.pcap`;
    return new Response(new Uint8Array(capture.bytes), {
      headers: {
        "content-type": "application/vnd.tcpdump.pcap",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
  { role: "operator", does: "download packet captures" },
);
