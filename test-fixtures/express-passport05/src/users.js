const users = new Map([[1, { id: 1, username: 'ada', password: 'lovelace', token: 'secret-token' }]]);

async function findById(id) {
  return users.get(id) || null;
}

async function findByToken(token) {
  return [...users.values()].find((u) => u.token === token) || null;
}

async function verify(username, password) {
  const user = [...users.values()].find((u) => u.username === username);
  return user && user.password === password ? user : null;
}

async function revokeToken(user) {
  user.token = null;
}

module.exports = { findById, findByToken, verify, revokeToken };
