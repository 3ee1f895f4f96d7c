// One release of 'shop' against the noop router: deploy, verify, switch after approval, optionally roll back.
// No agent for the build: only Deploy, whose block would run a deployment script, takes an executor (and a workspace).
// Verify, Switch (waiting for the approver) and Roll back run on the controller without one.
pipeline {
    agent none
    stages {
        stage('Deploy') {
            agent any
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
