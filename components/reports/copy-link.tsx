"use client";

import { useState } from "react";
import { Button } from "@/components/ui/controls";

export function CopyLink() {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"

      onClick={async () => {
        await navigator.clipboard.writeText(window.location.href);
        setCopied(true);
      }}
    >
      {copied ? "Link copied" : "Copy link"}
    </Button>
  );
}
