import { analyze, UnreadableInputError } from "@/lib/analyze/analyze";
import { ApiError } from "@/lib/api-error";
import { analyzeRequest } from "@/lib/schemas/analyze";
import { parseBody, withApi } from "@/server/api";

export const dynamic = "force-dynamic";

/** The offline analyzer: pasted `ip -d link` output and CNI configuration in, a verdict out. */
export const POST = withApi(
  async (req) => {
    const { inputs } = await parseBody(req, analyzeRequest);
    const texts = inputs.filter((i) => i.text.trim() !== "");
    if (!texts.length)
      throw new ApiError(
        "bad_request",
        "inputs: paste some `ip -d link` output or a CNI configuration first.",
      );
    try {
      return analyze(texts);
    } catch (e) {
      if (e instanceof UnreadableInputError) throw new ApiError("unreadable_input", e.message);
      throw e;
    }
  },
  { role: "viewer", does: "analyze pasted output" },
);
