import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import SessionController from '#controllers/session_controller'

const ApiSessionController = () => import('#controllers/api_session_controller')
const TokensController = () => import('#controllers/tokens_controller')

router.on('/login').render('pages/login')
router.post('/login', [SessionController, 'store']).use(middleware.guest())

router
  .group(() => {
    router.post('/logout', [SessionController, 'destroy'])
    router.post('/logout/everywhere', [SessionController, 'destroyAll'])
  })
  .use(middleware.auth())

router
  .group(() => {
    router.delete('/session', [ApiSessionController, 'destroy']).use(middleware.auth({ guards: ['api', 'web'] }))
    router.delete('/tokens/current', [TokensController, 'destroy']).use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api')
