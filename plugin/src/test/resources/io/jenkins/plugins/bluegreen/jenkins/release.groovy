// One release of 'shop' against the noop router: deploy, verify, switch after approval, optionally roll back.
pipeline {
    agent any
    stages {
        stage('Deploy') {
            steps {
                blueGreenDeploy(service: 'shop', version: '@VERSION@') {
                    echo "deploying ${env.BG_VERSION} of ${env.BG_SERVICE} to ${env.BG_COLOR} at ${env.BG_URL}"
                }
            }
        }
        stage('Verify') {
            steps {
                blueGreenVerify(service: 'shop', colors: 'idle', checks: [httpCheck(path: '/health'), warmUp(path: '/', requests: 10, p95: '2s')])
            }
        }
        stage('Switch') {
            steps {
                blueGreenSwitch(service: 'shop', approval: [submitter: 'alice', message: 'Promote @VERSION@?', timeout: '1h', onTimeout: 'abort'])
            }
        }
        stage('Roll back') {
            when { expression { @ROLL_BACK@ } }
            steps {
                blueGreenRollback(service: 'shop', reason: 'test of the rollback step')
            }
        }
    }
}
