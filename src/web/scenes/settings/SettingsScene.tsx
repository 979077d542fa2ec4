export default function SettingsScene() {
  return <p>SettingsScene</p>;
}
