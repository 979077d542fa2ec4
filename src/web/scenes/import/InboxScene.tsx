export default function InboxScene() {
  return <p>InboxScene</p>;
}
