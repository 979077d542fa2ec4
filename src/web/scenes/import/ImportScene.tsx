export default function ImportScene() {
  return <p>ImportScene</p>;
}
