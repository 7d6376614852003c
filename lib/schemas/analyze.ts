import { z } from "zod";

export const analyzeRequest = z
  .object({
    inputs: z
      .array(
        z
          .object({
            name: z.string().min(1, "must not be empty").max(200, "must be at most 200 characters"),
            text: z.string().max(512 * 1024, "must be at most 512 KiB"),
          })
          .strict(),
      )
      .min(1, "must hold at least one pasted or uploaded text")
      .max(20, "may hold at most 20 texts"),
  })
  .strict();
