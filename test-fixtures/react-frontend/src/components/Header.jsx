import { useNavigate } from 'react-router-dom';
import { useSession } from '../hooks/useSession';

export default function Header() {
  const navigate = useNavigate();
  const { session, logout } = useSession();

  function handleLogout(event) {
    event.preventDefault();
    logout().then(() => navigate('/login'));
  }

  return (
    <header>
      <span>{session.user?.name}</span>
      <form onSubmit={handleLogout}>
        <button type="submit">Log out</button>
      </form>
    </header>
  );
}
