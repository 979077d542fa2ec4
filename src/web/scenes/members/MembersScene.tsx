export default function MembersScene() {
  return <p>MembersScene</p>;
}
