const accounts = new Map([[1, { id: 1, username: 'grace', password: 'hopper' }]]);

export async function findUser(username) {
  return [...accounts.values()].find((a) => a.username === username) ?? null;
}

export async function findUserById(id) {
  return accounts.get(id) ?? null;
}

export async function checkPassword(user, password) {
  return user.password === password;
}
