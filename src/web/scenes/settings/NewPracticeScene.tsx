export default function NewPracticeScene() {
  return <p>NewPracticeScene</p>;
}
