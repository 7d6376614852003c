import { AnalyzeClient } from "./client";

export default function AnalyzePage() {
  return <AnalyzeClient />;
}
