export default function ExportScene() {
  return <p>ExportScene</p>;
}
